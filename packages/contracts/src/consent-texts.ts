/**
 * The consent a traveller gives before health notes are sent: the text shown, in each language,
 * under a version. A booking records which version was shown, in which language, when and by whom,
 * so what was agreed to can be read back word for word. A changed text is a new version; versions
 * once shown stay here, because bookings name them. Free of zod, so the web app shows these texts.
 */
import type { Language } from './common';

type ConsentText = Record<Language, (hospital: string) => string>;

export const HEALTH_NOTES_CONSENT_TEXTS = {
  '2026-12': {
    ru: (hospital) =>
      `Я согласен(на), чтобы эти сведения увидела только лечащая больница — ${hospital}. Агентство и другие их не видят. Я могу удалить их в любой момент; после поездки они удаляются сами.`,
    kk: (hospital) =>
      `Бұл мәліметтерді тек емдейтін аурухана — ${hospital} — көретініне келісемін. Агенттік пен басқалар оларды көрмейді. Оларды кез келген уақытта өшіре аламын; сапардан кейін олар өздігінен өшіріледі.`,
    uz: (hospital) =>
      `Ushbu maʼlumotlarni faqat davolovchi kasalxona — ${hospital} — koʻrishiga roziman. Agentlik va boshqalar ularni koʻrmaydi. Ularni istalgan vaqtda oʻchira olaman; safardan keyin ular oʻzi oʻchiriladi.`,
    ky: (hospital) =>
      `Бул маалыматты дарылоочу оорукана — ${hospital} — гана көрөрүнө макулмун. Агенттик жана башкалар аны көрбөйт. Аны каалаган убакта өчүрө алам; сапардан кийин ал өзү өчүрүлөт.`,
    zh: (hospital) =>
      `我同意这些信息仅提供给负责治疗的医院（${hospital}）。旅行社及其他方都看不到。我可以随时删除；行程结束后会自动删除。`,
    en: (hospital) =>
      `I agree that these notes are shared only with the treating hospital, ${hospital}. The agency and others never see them. I can delete them at any time; they are deleted automatically after the trip.`,
  },
} as const satisfies Record<string, ConsentText>;

export type HealthNotesConsentVersion = keyof typeof HEALTH_NOTES_CONSENT_TEXTS;

/** The version a client shows today. */
export const HEALTH_NOTES_CONSENT_VERSION: HealthNotesConsentVersion = '2026-12';

/** The consent text of a version, in a language, naming the treating hospital. */
export const healthNotesConsentText = (
  version: HealthNotesConsentVersion,
  language: Language,
  hospital: string,
): string => HEALTH_NOTES_CONSENT_TEXTS[version][language](hospital);
