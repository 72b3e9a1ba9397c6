/**
 * What a tourist is told when their booking moves, in their language: pure
 * functions from the facts of a change to a subject and a plain-text body.
 * Every language has every message (the type says so); money is formatted from
 * minor units with Intl.NumberFormat in the booking's currency, dates in UTC.
 */
import type { Currency, DeclineReason, Language } from '@shifa/contracts';

export type TouristNotice =
  | { kind: 'awaiting_hospital'; bookingId: string; startDate: string; decisionDeadline: string }
  | { kind: 'confirmed'; bookingId: string; startDate: string }
  | { kind: 'declined'; bookingId: string; startDate: string; reason: DeclineReason; note?: string }
  | { kind: 'expired'; bookingId: string; startDate: string }
  | {
      kind: 'cancelled';
      bookingId: string;
      startDate: string;
      cancelledBy: 'tourist' | 'platform';
      /** Whether the card had been charged; if not, the authorisation was simply released. */
      charged: boolean;
      refund?: { amount: number; currency: Currency; percent: number };
    }
  | { kind: 'refunded'; bookingId: string; amount: number; currency: Currency };

export type RenderedMessage = { subject: string; text: string };

const LOCALES: Record<Language, string> = {
  ru: 'ru-RU',
  kk: 'kk-KZ',
  uz: 'uz-Latn-UZ',
  ky: 'ky-KG',
  zh: 'zh-CN',
  en: 'en-GB',
};

/** Digits of the currency's minor unit, as ISO 4217 (and ICU) define them. */
export function minorUnitDigits(currency: Currency): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** An amount in minor units, written as the language writes money; exact, never through a float. */
export function formatMoney(amountMinor: number, currency: Currency, language: Language): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError('money is a non-negative whole number of minor units');
  }
  const digits = minorUnitDigits(currency);
  const padded = String(amountMinor).padStart(digits + 1, '0');
  const decimal = digits === 0 ? padded : `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency }).format(
    decimal as Intl.StringNumericLiteral,
  );
}

export function formatDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );
}

export function formatInstant(isoDateTime: string, language: Language): string {
  const formatted = new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(isoDateTime));
  return `${formatted} UTC`;
}

type Facts<K extends TouristNotice['kind']> = Extract<TouristNotice, { kind: K }> & {
  date: string;
};

type Messages = {
  sign: string;
  reasons: Record<DeclineReason, string>;
  awaiting_hospital: (f: Facts<'awaiting_hospital'> & { deadline: string }) => RenderedMessage;
  confirmed: (f: Facts<'confirmed'>) => RenderedMessage;
  declined: (f: Facts<'declined'> & { why: string }) => RenderedMessage;
  expired: (f: Facts<'expired'>) => RenderedMessage;
  cancelled: (f: Facts<'cancelled'> & { money: string | undefined }) => RenderedMessage;
  refunded: (f: Omit<Facts<'refunded'>, 'date'> & { money: string }) => RenderedMessage;
};

const lines = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join('\n');

const MESSAGES: Record<Language, Messages> = {
  en: {
    sign: 'Shifa',
    reasons: {
      no_capacity: 'the hospital has no free place for these dates',
      medical_contraindication: 'the hospital considers this treatment unsuitable for your health condition',
      needs_remote_consultation: 'the hospital would like a remote consultation with you first',
      other: 'the hospital could not accept it',
      hospital_timeout: 'the hospital did not answer in time',
    },
    awaiting_hospital: (f) => ({
      subject: `Booking ${f.bookingId}: payment authorised, waiting for the hospital`,
      text: lines(
        `Thank you. We have authorised the payment for your booking ${f.bookingId} (trip starting ${f.date}); nothing is charged yet.`,
        `The hospital reviews every booking and will answer by ${f.deadline}. If it cannot treat you, the authorisation is cancelled and you are not charged.`,
      ),
    }),
    confirmed: (f) => ({
      subject: `Booking ${f.bookingId} confirmed`,
      text: `Good news: the hospital has accepted your booking ${f.bookingId}. Your trip starts on ${f.date}. The payment has now been charged.`,
    }),
    declined: (f) => ({
      subject: `Booking ${f.bookingId} declined`,
      text: lines(
        `We are sorry: your booking ${f.bookingId} (trip starting ${f.date}) was declined because ${f.why}.`,
        f.note !== undefined && `The hospital's note: ${f.note}`,
        'Nothing has been charged: the payment authorisation has been cancelled.',
      ),
    }),
    expired: (f) => ({
      subject: `Booking ${f.bookingId} expired`,
      text: `Your booking ${f.bookingId} (trip starting ${f.date}) was not paid in time, so the places held for you were released. Nothing has been charged. You are welcome to book again.`,
    }),
    cancelled: (f) => ({
      subject: `Booking ${f.bookingId} cancelled`,
      text: lines(
        `Your booking ${f.bookingId} (trip starting ${f.date}) has been cancelled.`,
        f.cancelledBy === 'platform' && 'It was cancelled by Shifa.',
        !f.charged
          ? 'Nothing has been charged: the payment authorisation has been cancelled.'
          : f.money === undefined
            ? "Under the package's cancellation policy no refund is due."
            : `Under the package's cancellation policy you get ${f.money} back (${f.refund?.percent}% of the price).`,
      ),
    }),
    refunded: (f) => ({
      subject: `Refund for booking ${f.bookingId}`,
      text: `We have refunded ${f.money} for your booking ${f.bookingId}. Depending on your bank, it can take 5–10 days to appear on your card statement.`,
    }),
  },
  ru: {
    sign: 'Shifa',
    reasons: {
      no_capacity: 'у больницы нет свободных мест на эти даты',
      medical_contraindication: 'больница считает это лечение неподходящим при вашем состоянии здоровья',
      needs_remote_consultation: 'больница хочет сначала провести с вами дистанционную консультацию',
      other: 'больница не смогла его принять',
      hospital_timeout: 'больница не ответила вовремя',
    },
    awaiting_hospital: (f) => ({
      subject: `Бронирование ${f.bookingId}: оплата подтверждена, ждём ответа больницы`,
      text: lines(
        `Спасибо! Мы заблокировали оплату по бронированию ${f.bookingId} (поездка с ${f.date}); деньги пока не списаны.`,
        `Больница рассматривает каждое бронирование и ответит до ${f.deadline}. Если она не сможет вас принять, блокировка будет снята и деньги не спишутся.`,
      ),
    }),
    confirmed: (f) => ({
      subject: `Бронирование ${f.bookingId} подтверждено`,
      text: `Хорошие новости: больница приняла ваше бронирование ${f.bookingId}. Поездка начинается ${f.date}. Оплата списана.`,
    }),
    declined: (f) => ({
      subject: `Бронирование ${f.bookingId} отклонено`,
      text: lines(
        `К сожалению, ваше бронирование ${f.bookingId} (поездка с ${f.date}) отклонено: ${f.why}.`,
        f.note !== undefined && `Комментарий больницы: ${f.note}`,
        'Деньги не списаны: блокировка оплаты снята.',
      ),
    }),
    expired: (f) => ({
      subject: `Срок бронирования ${f.bookingId} истёк`,
      text: `Бронирование ${f.bookingId} (поездка с ${f.date}) не было оплачено вовремя, поэтому места освобождены. Деньги не списаны. Вы можете забронировать снова.`,
    }),
    cancelled: (f) => ({
      subject: `Бронирование ${f.bookingId} отменено`,
      text: lines(
        `Ваше бронирование ${f.bookingId} (поездка с ${f.date}) отменено.`,
        f.cancelledBy === 'platform' && 'Бронирование отменено платформой Shifa.',
        !f.charged
          ? 'Деньги не списаны: блокировка оплаты снята.'
          : f.money === undefined
            ? 'По правилам отмены пакета возврат не положен.'
            : `По правилам отмены пакета вам возвращается ${f.money} (${f.refund?.percent}% стоимости).`,
      ),
    }),
    refunded: (f) => ({
      subject: `Возврат по бронированию ${f.bookingId}`,
      text: `Мы вернули ${f.money} по бронированию ${f.bookingId}. В зависимости от банка деньги поступят на карту в течение 5–10 дней.`,
    }),
  },
  kk: {
    sign: 'Shifa',
    reasons: {
      no_capacity: 'аурухананың бұл күндерге бос орны жоқ',
      medical_contraindication: 'аурухана бұл емді денсаулық жағдайыңызға сәйкес емес деп санайды',
      needs_remote_consultation: 'аурухана алдымен сізбен қашықтан кеңес өткізгісі келеді',
      other: 'аурухана оны қабылдай алмады',
      hospital_timeout: 'аурухана уақытында жауап бермеді',
    },
    awaiting_hospital: (f) => ({
      subject: `${f.bookingId} брондауы: төлем расталды, аурухананың жауабын күтудеміз`,
      text: lines(
        `Рақмет! ${f.bookingId} брондауы бойынша төлемді бұғаттадық (${f.date} басталатын сапар); ақша әлі есептен шығарылған жоқ.`,
        `Аурухана әр брондауды қарап, ${f.deadline} дейін жауап береді. Егер сізді қабылдай алмаса, бұғаттау алынып, ақша есептен шығарылмайды.`,
      ),
    }),
    confirmed: (f) => ({
      subject: `${f.bookingId} брондауы расталды`,
      text: `Жақсы жаңалық: аурухана ${f.bookingId} брондауыңызды қабылдады. Сапар ${f.date} басталады. Төлем есептен шығарылды.`,
    }),
    declined: (f) => ({
      subject: `${f.bookingId} брондауы қабылданбады`,
      text: lines(
        `Өкінішке орай, ${f.bookingId} брондауыңыз (${f.date} басталатын сапар) қабылданбады: ${f.why}.`,
        f.note !== undefined && `Аурухананың түсініктемесі: ${f.note}`,
        'Ақша есептен шығарылған жоқ: төлем бұғаттауы алынды.',
      ),
    }),
    expired: (f) => ({
      subject: `${f.bookingId} брондауының мерзімі өтті`,
      text: `${f.bookingId} брондауы (${f.date} басталатын сапар) уақытында төленбегендіктен, орындар босатылды. Ақша есептен шығарылған жоқ. Қайта брондай аласыз.`,
    }),
    cancelled: (f) => ({
      subject: `${f.bookingId} брондауы жойылды`,
      text: lines(
        `${f.bookingId} брондауыңыз (${f.date} басталатын сапар) жойылды.`,
        f.cancelledBy === 'platform' && 'Брондауды Shifa платформасы жойды.',
        !f.charged
          ? 'Ақша есептен шығарылған жоқ: төлем бұғаттауы алынды.'
          : f.money === undefined
            ? 'Пакеттің бас тарту ережелері бойынша қайтарым қарастырылмаған.'
            : `Пакеттің бас тарту ережелері бойынша сізге ${f.money} қайтарылады (бағаның ${f.refund?.percent}%).`,
      ),
    }),
    refunded: (f) => ({
      subject: `${f.bookingId} брондауы бойынша қайтарым`,
      text: `${f.bookingId} брондауы бойынша ${f.money} қайтардық. Банкіңізге байланысты ақша картаңызға 5–10 күн ішінде түседі.`,
    }),
  },
  uz: {
    sign: 'Shifa',
    reasons: {
      no_capacity: 'shifoxonada bu sanalarga bo‘sh joy yo‘q',
      medical_contraindication: 'shifoxona bu davolashni sog‘lig‘ingiz holatiga mos emas deb hisoblaydi',
      needs_remote_consultation: 'shifoxona avval siz bilan masofaviy maslahat o‘tkazmoqchi',
      other: 'shifoxona uni qabul qila olmadi',
      hospital_timeout: 'shifoxona o‘z vaqtida javob bermadi',
    },
    awaiting_hospital: (f) => ({
      subject: `${f.bookingId} bron: to‘lov tasdiqlandi, shifoxona javobini kutmoqdamiz`,
      text: lines(
        `Rahmat! ${f.bookingId} bron uchun to‘lovni band qildik (${f.date} kuni boshlanadigan safar); pul hali yechilmadi.`,
        `Shifoxona har bir bronni ko‘rib chiqadi va ${f.deadline} gacha javob beradi. Agar sizni qabul qila olmasa, band qilish bekor qilinadi va pul yechilmaydi.`,
      ),
    }),
    confirmed: (f) => ({
      subject: `${f.bookingId} bron tasdiqlandi`,
      text: `Xushxabar: shifoxona ${f.bookingId} broningizni qabul qildi. Safar ${f.date} kuni boshlanadi. To‘lov yechib olindi.`,
    }),
    declined: (f) => ({
      subject: `${f.bookingId} bron rad etildi`,
      text: lines(
        `Afsuski, ${f.bookingId} broningiz (${f.date} kuni boshlanadigan safar) rad etildi: ${f.why}.`,
        f.note !== undefined && `Shifoxona izohi: ${f.note}`,
        'Pul yechilmadi: to‘lovni band qilish bekor qilindi.',
      ),
    }),
    expired: (f) => ({
      subject: `${f.bookingId} bron muddati tugadi`,
      text: `${f.bookingId} bron (${f.date} kuni boshlanadigan safar) o‘z vaqtida to‘lanmagani uchun joylar bo‘shatildi. Pul yechilmadi. Qaytadan bron qilishingiz mumkin.`,
    }),
    cancelled: (f) => ({
      subject: `${f.bookingId} bron bekor qilindi`,
      text: lines(
        `${f.bookingId} broningiz (${f.date} kuni boshlanadigan safar) bekor qilindi.`,
        f.cancelledBy === 'platform' && 'Bron Shifa platformasi tomonidan bekor qilindi.',
        !f.charged
          ? 'Pul yechilmadi: to‘lovni band qilish bekor qilindi.'
          : f.money === undefined
            ? 'Paketning bekor qilish qoidalariga ko‘ra pul qaytarilmaydi.'
            : `Paketning bekor qilish qoidalariga ko‘ra sizga ${f.money} qaytariladi (narxning ${f.refund?.percent}%).`,
      ),
    }),
    refunded: (f) => ({
      subject: `${f.bookingId} bron bo‘yicha pul qaytarildi`,
      text: `${f.bookingId} bron bo‘yicha ${f.money} qaytardik. Bankingizga qarab, pul kartangizga 5–10 kun ichida tushadi.`,
    }),
  },
  ky: {
    sign: 'Shifa',
    reasons: {
      no_capacity: 'ооруканада бул күндөргө бош орун жок',
      medical_contraindication: 'оорукана бул дарылоону ден соолугуңуздун абалына ылайык эмес деп эсептейт',
      needs_remote_consultation: 'оорукана адегенде сиз менен аралыктан кеңешүү өткөргүсү келет',
      other: 'оорукана аны кабыл ала алган жок',
      hospital_timeout: 'оорукана убагында жооп берген жок',
    },
    awaiting_hospital: (f) => ({
      subject: `${f.bookingId} брондоо: төлөм ырасталды, оорукананын жообун күтүп жатабыз`,
      text: lines(
        `Рахмат! ${f.bookingId} брондоо боюнча төлөмдү бөгөттөдүк (${f.date} башталган сапар); акча азырынча алынган жок.`,
        `Оорукана ар бир брондоону карап чыгып, ${f.deadline} чейин жооп берет. Эгер сизди кабыл ала албаса, бөгөт алынып, акча алынбайт.`,
      ),
    }),
    confirmed: (f) => ({
      subject: `${f.bookingId} брондоо ырасталды`,
      text: `Жакшы кабар: оорукана ${f.bookingId} брондооңузду кабыл алды. Сапар ${f.date} башталат. Төлөм алынды.`,
    }),
    declined: (f) => ({
      subject: `${f.bookingId} брондоо четке кагылды`,
      text: lines(
        `Тилекке каршы, ${f.bookingId} брондооңуз (${f.date} башталган сапар) четке кагылды: ${f.why}.`,
        f.note !== undefined && `Оорукананын түшүндүрмөсү: ${f.note}`,
        'Акча алынган жок: төлөмдүн бөгөтү алынды.',
      ),
    }),
    expired: (f) => ({
      subject: `${f.bookingId} брондоонун мөөнөтү бүттү`,
      text: `${f.bookingId} брондоо (${f.date} башталган сапар) убагында төлөнбөгөндүктөн, орундар бошотулду. Акча алынган жок. Кайра брондой аласыз.`,
    }),
    cancelled: (f) => ({
      subject: `${f.bookingId} брондоо жокко чыгарылды`,
      text: lines(
        `${f.bookingId} брондооңуз (${f.date} башталган сапар) жокко чыгарылды.`,
        f.cancelledBy === 'platform' && 'Брондоону Shifa платформасы жокко чыгарды.',
        !f.charged
          ? 'Акча алынган жок: төлөмдүн бөгөтү алынды.'
          : f.money === undefined
            ? 'Пакеттин жокко чыгаруу эрежелери боюнча акча кайтарылбайт.'
            : `Пакеттин жокко чыгаруу эрежелери боюнча сизге ${f.money} кайтарылат (баанын ${f.refund?.percent}%).`,
      ),
    }),
    refunded: (f) => ({
      subject: `${f.bookingId} брондоо боюнча кайтарым`,
      text: `${f.bookingId} брондоо боюнча ${f.money} кайтардык. Банкыңызга жараша акча картаңызга 5–10 күндүн ичинде түшөт.`,
    }),
  },
  zh: {
    sign: 'Shifa',
    reasons: {
      no_capacity: '医院在这些日期没有空余床位',
      medical_contraindication: '医院认为该治疗不适合您的健康状况',
      needs_remote_consultation: '医院希望先与您进行远程会诊',
      other: '医院无法接受该预订',
      hospital_timeout: '医院未能及时答复',
    },
    awaiting_hospital: (f) => ({
      subject: `预订 ${f.bookingId}：付款已授权，等待医院确认`,
      text: lines(
        `感谢您的预订。我们已为预订 ${f.bookingId}（行程开始日期：${f.date}）授权付款，目前尚未扣款。`,
        `医院会审核每一份预订，并将在 ${f.deadline} 前答复。如果医院无法为您治疗，授权将被取消，您不会被扣款。`,
      ),
    }),
    confirmed: (f) => ({
      subject: `预订 ${f.bookingId} 已确认`,
      text: `好消息：医院已接受您的预订 ${f.bookingId}。行程将于 ${f.date} 开始。款项现已扣除。`,
    }),
    declined: (f) => ({
      subject: `预订 ${f.bookingId} 未被接受`,
      text: lines(
        `很抱歉，您的预订 ${f.bookingId}（行程开始日期：${f.date}）未被接受，原因：${f.why}。`,
        f.note !== undefined && `医院备注：${f.note}`,
        '未扣任何款项：付款授权已取消。',
      ),
    }),
    expired: (f) => ({
      subject: `预订 ${f.bookingId} 已过期`,
      text: `您的预订 ${f.bookingId}（行程开始日期：${f.date}）未在规定时间内付款，为您保留的名额已释放，未扣任何款项。欢迎重新预订。`,
    }),
    cancelled: (f) => ({
      subject: `预订 ${f.bookingId} 已取消`,
      text: lines(
        `您的预订 ${f.bookingId}（行程开始日期：${f.date}）已取消。`,
        f.cancelledBy === 'platform' && '该预订已由 Shifa 平台取消。',
        !f.charged
          ? '未扣任何款项：付款授权已取消。'
          : f.money === undefined
            ? '根据套餐的取消政策，本次不予退款。'
            : `根据套餐的取消政策，您将获得 ${f.money} 退款（价格的 ${f.refund?.percent}%）。`,
      ),
    }),
    refunded: (f) => ({
      subject: `预订 ${f.bookingId} 的退款`,
      text: `我们已为您的预订 ${f.bookingId} 退款 ${f.money}。根据您的银行不同，款项将在 5–10 天内退回到您的卡上。`,
    }),
  },
};

/** The message for a notice, in the tourist's language, signed. */
export function renderNotice(notice: TouristNotice, language: Language): RenderedMessage {
  const m = MESSAGES[language];
  const rendered = ((): RenderedMessage => {
    switch (notice.kind) {
      case 'awaiting_hospital':
        return m.awaiting_hospital({
          ...notice,
          date: formatDate(notice.startDate, language),
          deadline: formatInstant(notice.decisionDeadline, language),
        });
      case 'confirmed':
        return m.confirmed({ ...notice, date: formatDate(notice.startDate, language) });
      case 'declined':
        return m.declined({
          ...notice,
          date: formatDate(notice.startDate, language),
          why: m.reasons[notice.reason],
        });
      case 'expired':
        return m.expired({ ...notice, date: formatDate(notice.startDate, language) });
      case 'cancelled':
        return m.cancelled({
          ...notice,
          date: formatDate(notice.startDate, language),
          money:
            notice.refund === undefined || notice.refund.amount === 0
              ? undefined
              : formatMoney(notice.refund.amount, notice.refund.currency, language),
        });
      case 'refunded':
        return m.refunded({ ...notice, money: formatMoney(notice.amount, notice.currency, language) });
    }
  })();
  return { subject: rendered.subject, text: `${rendered.text}\n\n${m.sign}` };
}
