/**
 * Demo catalog for the local runtime: Xinjiang hospitals and their treatment programmes,
 * agencies in Almaty, Tashkent and Bishkek with their hotels and excursions, and the packages
 * they compose from those and sell on dated departures.
 * Everything is derived from `today` alone, so loading it twice gives the same records.
 */
import {
  type Agency,
  type CancellationTier,
  type CapacityDay,
  type City,
  type Contact,
  type Currency,
  type Departure,
  type Excursion,
  type ExcursionComponent,
  type Hospital,
  type Hotel,
  IsoDate,
  type LocalizedText,
  type MealPlan,
  type Package,
  type PriceLines,
  type PriceOffer,
  type ServiceKind,
  type TreatmentProgramme,
} from '@shifa/contracts';
import { addDays, daysBetween } from '@shifa/domain';

export type DemoCatalog = {
  hospitals: Hospital[];
  programmes: TreatmentProgramme[];
  agencies: Agency[];
  /** The agencies' hotels and excursions, which every package names by id. */
  hotels: Hotel[];
  excursions: ExcursionComponent[];
  packages: { pkg: Package; departures: Departure[] }[];
};

/** How far ahead departures are offered, in days (about six months). */
const HORIZON_DAYS = 183;

/** Day 1 is the arrival; treatment begins the next morning. */
const TREATMENT_START_DAY = 2;

const GRADE_3A = 'Grade III Class A (三级甲等)';

const HOSPITALS: readonly Hospital[] = [
  {
    hospitalId: 'xjmu-first-hospital',
    status: 'verified',
    name: {
      zh: '新疆医科大学第一附属医院',
      en: 'The First Affiliated Hospital of Xinjiang Medical University',
      ru: 'Первая аффилированная больница Синьцзянского медицинского университета',
      kk: 'Шыңжаң медицина университетінің бірінші клиникалық ауруханасы',
    },
    city: 'urumqi',
    languages: ['zh', 'en', 'ru'],
    departments: [
      { zh: '康复医学科', en: 'Rehabilitation Medicine', ru: 'Реабилитационная медицина' },
      { zh: '骨科', en: 'Orthopaedics', ru: 'Ортопедия' },
      { zh: '神经内科', en: 'Neurology', ru: 'Неврология' },
      { zh: '心血管内科', en: 'Cardiology', ru: 'Кардиология' },
      { zh: '中医科', en: 'Traditional Chinese Medicine', ru: 'Традиционная китайская медицина' },
      {
        zh: '国际医疗服务中心',
        en: 'International Medical Service Centre',
        ru: 'Международный медицинский центр',
      },
    ],
    accreditation: GRADE_3A,
  },
  {
    hospitalId: 'xj-tcm-hospital',
    status: 'verified',
    name: {
      zh: '新疆维吾尔自治区中医医院',
      en: 'Xinjiang Uyghur Autonomous Region Traditional Chinese Medicine Hospital',
      ru: 'Больница традиционной китайской медицины Синьцзян-Уйгурского автономного района',
      kk: 'Шыңжаң Ұйғыр автономиялық ауданының қытай дәстүрлі медицинасы ауруханасы',
    },
    city: 'urumqi',
    languages: ['zh', 'ru', 'en'],
    departments: [
      { zh: '针灸科', en: 'Acupuncture and Moxibustion', ru: 'Иглоукалывание и прижигание' },
      { zh: '推拿科', en: 'Tuina Massage', ru: 'Массаж туйна' },
      { zh: '脾胃病科', en: 'Spleen and Stomach Diseases', ru: 'Болезни желудка и пищеварения' },
      { zh: '风湿病科', en: 'Rheumatology', ru: 'Ревматология' },
      { zh: '治未病科', en: 'Preventive Care', ru: 'Профилактическая медицина' },
      { zh: '中药房', en: 'Chinese Herbal Pharmacy', ru: 'Аптека китайских трав' },
    ],
    accreditation: `${GRADE_3A}, TCM`,
  },
  {
    hospitalId: 'xj-uyghur-medicine-hospital',
    status: 'verified',
    name: {
      zh: '新疆维吾尔自治区维吾尔医医院',
      en: 'Xinjiang Uyghur Autonomous Region Uyghur Medicine Hospital',
      ru: 'Больница уйгурской медицины Синьцзян-Уйгурского автономного района',
      uz: 'Shinjon-Uygʻur avtonom rayoni Uygʻur tabobati kasalxonasi',
    },
    city: 'urumqi',
    languages: ['zh', 'ru', 'uz'],
    departments: [
      { zh: '维吾尔医特色疗法科', en: 'Uyghur Medicine Therapies', ru: 'Методы уйгурской медицины' },
      { zh: '皮肤科', en: 'Dermatology', ru: 'Дерматология' },
      { zh: '风湿科', en: 'Rheumatology', ru: 'Ревматология' },
      { zh: '消化内科', en: 'Gastroenterology', ru: 'Гастроэнтерология' },
    ],
    accreditation: `${GRADE_3A}, Uyghur medicine`,
  },
  {
    hospitalId: 'horgos-peoples-hospital',
    status: 'verified',
    name: {
      zh: '霍尔果斯市人民医院国际医疗中心',
      en: "Horgos People's Hospital International Medical Centre",
      ru: 'Международный медицинский центр Народной больницы Хоргоса',
      kk: 'Қорғас халық ауруханасының халықаралық медициналық орталығы',
    },
    city: 'horgos',
    languages: ['zh', 'ru', 'kk'],
    departments: [
      { zh: '中医推拿科', en: 'TCM and Tuina', ru: 'ТКМ и массаж туйна', kk: 'ҚДМ және туйна массажы' },
      { zh: '针灸科', en: 'Acupuncture', ru: 'Иглоукалывание', kk: 'Инемен емдеу' },
      { zh: '康复科', en: 'Rehabilitation', ru: 'Реабилитация', kk: 'Оңалту' },
      {
        zh: '体检中心',
        en: 'Health Check-up Centre',
        ru: 'Центр медосмотров',
        kk: 'Медициналық тексеру орталығы',
      },
    ],
    accreditation: 'Grade II Class A (二级甲等)',
  },
  {
    hospitalId: 'ili-tcm-hospital',
    status: 'verified',
    name: {
      zh: '伊犁哈萨克自治州中医医院',
      en: 'Ili Kazakh Autonomous Prefecture Hospital of Traditional Chinese Medicine',
      ru: 'Больница традиционной китайской медицины Или-Казахского автономного округа',
      kk: 'Іле Қазақ автономиялық облысының қытай дәстүрлі медицинасы ауруханасы',
    },
    city: 'yining',
    languages: ['zh', 'kk', 'ru'],
    departments: [
      { zh: '康复科', en: 'Rehabilitation', ru: 'Реабилитация', kk: 'Оңалту' },
      { zh: '针灸科', en: 'Acupuncture', ru: 'Иглоукалывание', kk: 'Инемен емдеу' },
      { zh: '骨伤科', en: 'Orthopaedics and Traumatology', ru: 'Ортопедия и травматология', kk: 'Ортопедия' },
      { zh: '脑病科', en: 'Neurology', ru: 'Неврология', kk: 'Неврология' },
    ],
    accreditation: GRADE_3A,
  },
];

/** Contraindications several programmes share, so each reads the same everywhere. */
const CONTRAINDICATION = {
  pregnancy: { en: 'Pregnancy', ru: 'Беременность', zh: '妊娠期', kk: 'Жүктілік' },
  bleeding: {
    en: 'Bleeding disorders, or taking anticoagulants',
    ru: 'Нарушения свёртываемости крови или приём антикоагулянтов',
    zh: '凝血功能障碍或正在服用抗凝药物',
    kk: 'Қан ұюының бұзылуы немесе антикоагулянттар қабылдау',
  },
  pacemaker: {
    en: 'A pacemaker: no electro-acupuncture or electrotherapy',
    ru: 'Кардиостимулятор: без электроакупунктуры и электротерапии',
    zh: '安装心脏起搏器者不做电针及电疗',
    kk: 'Кардиостимулятор: электроакупунктура мен электротерапиясыз',
  },
  acuteInfection: {
    en: 'Acute infection or fever',
    ru: 'Острая инфекция или высокая температура',
    zh: '急性感染或发热',
    kk: 'Жедел инфекция немесе қызба',
  },
  skinAtSite: {
    en: 'Skin lesions or infection where the treatment is given',
    ru: 'Повреждения или воспаление кожи в зоне процедур',
    zh: '治疗部位皮肤破损或感染',
    kk: 'Ем жасалатын жердегі тері жарақаты немесе қабынуы',
  },
} satisfies Record<string, LocalizedText>;

const PROGRAMMES: readonly TreatmentProgramme[] = [
  {
    programmeId: 'xjmu-stroke-rehab-14',
    hospitalId: 'xjmu-first-hospital',
    kind: 'rehabilitation',
    title: {
      en: 'Neurological rehabilitation after stroke, 14 days',
      ru: 'Неврологическая реабилитация после инсульта, 14 дней',
      zh: '脑卒中后神经康复，14天',
    },
    days: 14,
    sessions: 28,
    includes: [
      {
        en: 'Assessment by a rehabilitation physician',
        ru: 'Осмотр врача-реабилитолога',
        zh: '康复医师评估',
      },
      {
        en: 'Exercise therapy and physiotherapy twice a day',
        ru: 'ЛФК и физиотерапия дважды в день',
        zh: '每日两次运动疗法及物理治疗',
      },
      { en: 'Acupuncture, 10 sessions', ru: 'Иглоукалывание, 10 сеансов', zh: '针刺治疗10次' },
      {
        en: 'Speech therapy where needed',
        ru: 'Занятия с логопедом при необходимости',
        zh: '必要时言语治疗',
      },
    ],
    contraindications: [
      {
        en: 'Unstable condition in the first two weeks after a stroke, or blood pressure above 180/110',
        ru: 'Нестабильное состояние в первые две недели после инсульта или давление выше 180/110',
        zh: '脑卒中后两周内病情不稳定，或血压高于180/110 mmHg',
      },
      CONTRAINDICATION.bleeding,
    ],
    price: { amount: 980_000, currency: 'CNY' },
  },
  {
    programmeId: 'xjmu-knee-spine-10',
    hospitalId: 'xjmu-first-hospital',
    kind: 'orthopaedics',
    title: {
      en: 'Non-surgical orthopaedic course for knees and spine, 10 days',
      ru: 'Ортопедический курс без операции для коленей и позвоночника, 10 дней',
      zh: '膝关节与脊柱骨科保守治疗，10天',
    },
    days: 10,
    sessions: 15,
    includes: [
      {
        en: 'Consultation with an orthopaedic surgeon',
        ru: 'Консультация хирурга-ортопеда',
        zh: '骨科医师会诊',
      },
      {
        en: 'MRI of one joint or one spine segment',
        ru: 'МРТ одного сустава или одного отдела позвоночника',
        zh: '单部位关节或脊柱核磁共振',
      },
      {
        en: 'Physiotherapy and shock-wave therapy',
        ru: 'Физиотерапия и ударно-волновая терапия',
        zh: '物理治疗及冲击波治疗',
      },
      {
        en: 'Joint injections only if the surgeon prescribes them',
        ru: 'Внутрисуставные уколы только по назначению хирурга',
        zh: '关节腔注射（遵医嘱）',
      },
    ],
    contraindications: [
      {
        en: 'A pacemaker or metal implants near the treated joint (MRI and shock-wave therapy)',
        ru: 'Кардиостимулятор или металлические импланты рядом с суставом (МРТ и ударно-волновая терапия)',
        zh: '安装心脏起搏器或治疗部位附近有金属植入物（核磁共振及冲击波治疗）',
      },
      CONTRAINDICATION.pregnancy,
      CONTRAINDICATION.acuteInfection,
    ],
    price: { amount: 760_000, currency: 'CNY' },
  },
  {
    programmeId: 'xjtcm-acupuncture-10',
    hospitalId: 'xj-tcm-hospital',
    kind: 'acupuncture',
    title: {
      en: 'Acupuncture and moxibustion course, 10 days',
      ru: 'Курс иглоукалывания и прижигания, 10 дней',
      zh: '针灸与艾灸疗程，10天',
      kk: 'Инемен емдеу және күйдіру курсы, 10 күн',
    },
    days: 10,
    sessions: 10,
    includes: [
      {
        en: 'Consultation by a TCM physician (pulse and tongue diagnosis)',
        ru: 'Приём врача ТКМ (диагностика по пульсу и языку)',
        zh: '中医师诊查（脉诊、舌诊）',
      },
      { en: 'Acupuncture, 10 sessions', ru: 'Иглоукалывание, 10 сеансов', zh: '针刺治疗10次' },
      { en: 'Moxibustion, 5 sessions', ru: 'Прижигание полынью, 5 сеансов', zh: '艾灸5次' },
      { en: 'Cupping, 3 sessions', ru: 'Баночная терапия, 3 сеанса', zh: '拔罐3次' },
    ],
    contraindications: [CONTRAINDICATION.pregnancy, CONTRAINDICATION.bleeding, CONTRAINDICATION.pacemaker],
    price: { amount: 450_000, currency: 'CNY' },
  },
  {
    programmeId: 'xjtcm-herbal-14',
    hospitalId: 'xj-tcm-hospital',
    kind: 'herbal_therapy',
    title: {
      en: 'Chinese herbal therapy with daily decoctions, 14 days',
      ru: 'Лечение китайскими травами с ежедневными отварами, 14 дней',
      zh: '中药调理疗程（每日汤剂），14天',
    },
    days: 14,
    sessions: 14,
    includes: [
      {
        en: 'Consultation and follow-ups with a TCM physician',
        ru: 'Первичный и повторные приёмы врача ТКМ',
        zh: '中医师初诊及复诊',
      },
      {
        en: 'Decoctions prescribed for you and prepared by the hospital pharmacy',
        ru: 'Индивидуальные отвары, приготовленные аптекой больницы',
        zh: '个体化处方汤剂，由医院药房代煎',
      },
      { en: 'Herbal foot soaks', ru: 'Травяные ванночки для ног', zh: '中药足浴' },
      {
        en: 'Granules for 30 days at home',
        ru: 'Гранулы на 30 дней для приёма дома',
        zh: '带回30天中药颗粒剂',
      },
    ],
    contraindications: [
      {
        en: 'Pregnancy or breastfeeding',
        ru: 'Беременность или грудное вскармливание',
        zh: '妊娠期或哺乳期',
      },
      {
        en: 'Severe liver or kidney disease',
        ru: 'Тяжёлые заболевания печени или почек',
        zh: '严重肝肾功能不全',
      },
    ],
    price: { amount: 520_000, currency: 'CNY' },
  },
  {
    programmeId: 'xjtcm-catgut-10',
    hospitalId: 'xj-tcm-hospital',
    kind: 'catgut_embedding',
    title: {
      en: 'Acupoint catgut embedding with acupuncture, 10 days',
      ru: 'Вшивание кетгута в акупунктурные точки с иглоукалыванием, 10 дней',
      zh: '穴位埋线结合针刺，10天',
    },
    days: 10,
    sessions: 8,
    includes: [
      { en: 'Consultation by a TCM physician', ru: 'Приём врача ТКМ', zh: '中医师诊查' },
      {
        en: 'Catgut embedding, 2 sessions a week apart',
        ru: 'Вшивание кетгута, 2 сеанса с интервалом в неделю',
        zh: '穴位埋线2次，间隔一周',
      },
      { en: 'Acupuncture, 6 sessions', ru: 'Иглоукалывание, 6 сеансов', zh: '针刺治疗6次' },
    ],
    contraindications: [CONTRAINDICATION.skinAtSite, CONTRAINDICATION.bleeding, CONTRAINDICATION.pregnancy],
    price: { amount: 380_000, currency: 'CNY' },
  },
  {
    programmeId: 'xjtcm-tuina-7',
    hospitalId: 'xj-tcm-hospital',
    kind: 'massage',
    title: { en: 'Tuina massage course, 7 days', ru: 'Курс массажа туйна, 7 дней', zh: '推拿疗程，7天' },
    days: 7,
    sessions: 7,
    includes: [
      { en: 'Consultation by a TCM physician', ru: 'Приём врача ТКМ', zh: '中医师诊查' },
      {
        en: 'Tuina massage, 7 sessions of 40 minutes',
        ru: 'Массаж туйна, 7 сеансов по 40 минут',
        zh: '推拿7次，每次40分钟',
      },
    ],
    contraindications: [
      {
        en: 'Fresh fractures, thrombosis or skin lesions in the treated area',
        ru: 'Свежие переломы, тромбоз или повреждения кожи в зоне массажа',
        zh: '治疗部位新鲜骨折、血栓或皮肤破损',
      },
      CONTRAINDICATION.acuteInfection,
    ],
    price: { amount: 210_000, currency: 'CNY' },
  },
  {
    programmeId: 'uyghur-med-10',
    hospitalId: 'xj-uyghur-medicine-hospital',
    kind: 'uyghur_medicine',
    title: {
      en: 'Uyghur medicine course: herbal steam, poultices and munziq-mushil, 10 days',
      ru: 'Курс уйгурской медицины: травяной пар, аппликации и мунзиг-мусхиль, 10 дней',
      zh: '维吾尔医疗程：药物熏蒸、敷贴与成熟清除疗法，10天',
      uz: 'Uygʻur tabobati kursi: giyohli bugʻ, malhamlar va munzij-mushil, 10 kun',
    },
    days: 10,
    sessions: 20,
    includes: [
      {
        en: 'Consultation by a Uyghur medicine physician',
        ru: 'Приём врача уйгурской медицины',
        zh: '维吾尔医师诊查',
      },
      { en: 'Herbal steam bath, 10 sessions', ru: 'Травяная паровая ванна, 10 сеансов', zh: '药物熏蒸10次' },
      { en: 'Herbal poultices, 10 sessions', ru: 'Травяные аппликации, 10 сеансов', zh: '药物敷贴10次' },
      {
        en: 'Munziq and mushil preparations for the course',
        ru: 'Препараты мунзиг и мусхиль на весь курс',
        zh: '疗程所需成熟剂与清除剂',
      },
    ],
    contraindications: [
      CONTRAINDICATION.pregnancy,
      {
        en: 'Heart failure or uncontrolled high blood pressure (herbal steam baths)',
        ru: 'Сердечная недостаточность или неконтролируемое высокое давление (паровые ванны)',
        zh: '心力衰竭或未控制的高血压（药物熏蒸）',
        uz: 'Yurak yetishmovchiligi yoki nazoratsiz yuqori qon bosimi (bugʻ vannalari)',
      },
    ],
    price: { amount: 420_000, currency: 'CNY' },
  },
  {
    programmeId: 'horgos-tuina-10',
    hospitalId: 'horgos-peoples-hospital',
    kind: 'massage',
    title: {
      en: 'Tuina massage and cupping for back and neck, 10 days',
      ru: 'Массаж туйна и банки для спины и шеи, 10 дней',
      zh: '颈肩腰背推拿与拔罐，10天',
      kk: 'Арқа мен мойынға туйна массажы және банка, 10 күн',
    },
    days: 10,
    sessions: 10,
    includes: [
      { en: 'Consultation by a TCM physician', ru: 'Приём врача ТКМ', zh: '中医师诊查' },
      {
        en: 'Tuina massage, 10 sessions of 40 minutes',
        ru: 'Массаж туйна, 10 сеансов по 40 минут',
        zh: '推拿10次，每次40分钟',
      },
      { en: 'Cupping, 4 sessions', ru: 'Баночная терапия, 4 сеанса', zh: '拔罐4次' },
      { en: 'Warm herbal compresses', ru: 'Тёплые травяные компрессы', zh: '中药热敷' },
    ],
    contraindications: [
      CONTRAINDICATION.skinAtSite,
      {
        en: 'Bleeding disorders, or taking anticoagulants (cupping)',
        ru: 'Нарушения свёртываемости крови или приём антикоагулянтов (банки)',
        zh: '凝血功能障碍或正在服用抗凝药物（拔罐）',
        kk: 'Қан ұюының бұзылуы немесе антикоагулянттар қабылдау (банка)',
      },
    ],
    price: { amount: 300_000, currency: 'CNY' },
  },
  {
    programmeId: 'horgos-acupuncture-10',
    hospitalId: 'horgos-peoples-hospital',
    kind: 'acupuncture',
    title: {
      en: 'Acupuncture course, 10 days',
      ru: 'Курс иглоукалывания, 10 дней',
      zh: '针刺疗程，10天',
      kk: 'Инемен емдеу курсы, 10 күн',
    },
    days: 10,
    sessions: 10,
    includes: [
      { en: 'Consultation by a TCM physician', ru: 'Приём врача ТКМ', zh: '中医师诊查' },
      { en: 'Acupuncture, 10 sessions', ru: 'Иглоукалывание, 10 сеансов', zh: '针刺治疗10次' },
    ],
    contraindications: [CONTRAINDICATION.pregnancy, CONTRAINDICATION.bleeding],
    price: { amount: 380_000, currency: 'CNY' },
  },
  {
    programmeId: 'ili-spine-rehab-12',
    hospitalId: 'ili-tcm-hospital',
    kind: 'rehabilitation',
    title: {
      en: 'Spine and joint rehabilitation with TCM, 12 days',
      ru: 'Реабилитация позвоночника и суставов с методами ТКМ, 12 дней',
      zh: '脊柱关节中西医结合康复，12天',
      kk: 'Омыртқа мен буындарды ҚДМ әдістерімен оңалту, 12 күн',
    },
    days: 12,
    sessions: 24,
    includes: [
      {
        en: 'Assessment by a rehabilitation physician',
        ru: 'Осмотр врача-реабилитолога',
        zh: '康复医师评估',
      },
      {
        en: 'Exercise therapy and physiotherapy twice a day',
        ru: 'ЛФК и физиотерапия дважды в день',
        zh: '每日两次运动疗法及物理治疗',
      },
      { en: 'Acupuncture and tuina massage', ru: 'Иглоукалывание и массаж туйна', zh: '针刺及推拿' },
      {
        en: 'Spinal traction where prescribed',
        ru: 'Вытяжение позвоночника по назначению врача',
        zh: '遵医嘱脊柱牵引',
      },
    ],
    contraindications: [
      {
        en: 'Osteoporosis with fractures, or a tumour of the spine (no traction)',
        ru: 'Остеопороз с переломами или опухоль позвоночника (без вытяжения)',
        zh: '骨质疏松伴骨折或脊柱肿瘤（不做牵引）',
        kk: 'Сынықтары бар остеопороз немесе омыртқа ісігі (тартусыз)',
      },
      CONTRAINDICATION.pacemaker,
    ],
    price: { amount: 540_000, currency: 'CNY' },
  },
];

const AGENCIES: readonly Agency[] = [
  {
    agencyId: 'jibek-zholy-almaty',
    status: 'verified',
    name: { ru: 'Жибек Жолы Мед-Тур', kk: 'Жібек Жолы Мед-Тур', en: 'Jibek Zholy Med Tour' },
    city: 'Almaty',
    country: 'KZ',
    languages: ['ru', 'kk'],
  },
  {
    agencyId: 'shifo-sayohat-tashkent',
    status: 'verified',
    name: { ru: 'Шифо Саёхат', uz: 'Shifo Sayohat', en: 'Shifo Sayohat Travel' },
    city: 'Tashkent',
    country: 'UZ',
    languages: ['ru', 'uz'],
  },
  {
    agencyId: 'ala-too-med-bishkek',
    status: 'verified',
    name: { ru: 'Ала-Тоо Мед Тревел', ky: 'Ала-Тоо Мед Саякат', en: 'Ala-Too Med Travel' },
    city: 'Bishkek',
    country: 'KG',
    languages: ['ru', 'ky'],
  },
  {
    // Registered but not yet checked by an operator: it can compose drafts, not publish.
    agencyId: 'samarkand-shifo-travel',
    status: 'pending',
    name: { ru: 'Самарканд Шифо Тревел', uz: 'Samarqand Shifo Travel', en: 'Samarkand Shifo Travel' },
    city: 'Samarkand',
    country: 'UZ',
    languages: ['ru', 'uz'],
  },
];

/**
 * A place travellers are taken to: the city excursions leave from, and what the
 * agency pays for a traveller's visit (guide, transport, tickets).
 */
type Place = { slug: string; name: LocalizedText; city: City; costFen: number };

const PLACES = {
  grandBazaar: {
    slug: 'grand-bazaar',
    name: { en: 'Xinjiang International Grand Bazaar', ru: 'Большой базар Синьцзяна', zh: '新疆国际大巴扎' },
    city: 'urumqi',
    costFen: 15_000,
  },
  tianchi: {
    slug: 'tianchi',
    name: {
      en: 'Tianchi (Heavenly Lake) in the Bogda mountains',
      ru: 'Озеро Тяньчи (Небесное озеро) в горах Богдо',
      zh: '天山天池',
    },
    city: 'urumqi',
    costFen: 45_000,
  },
  redHill: {
    slug: 'red-hill',
    name: { en: 'Red Hill Park (Hongshan)', ru: 'Парк Красная горка (Хуншань)', zh: '红山公园' },
    city: 'urumqi',
    costFen: 10_000,
  },
  museum: {
    slug: 'regional-museum',
    name: {
      en: 'Xinjiang Regional Museum',
      ru: 'Музей Синьцзян-Уйгурского автономного района',
      zh: '新疆维吾尔自治区博物馆',
    },
    city: 'urumqi',
    costFen: 12_000,
  },
  horgosCentre: {
    slug: 'horgos-centre',
    name: {
      en: 'Horgos International Border Cooperation Centre',
      ru: 'Международный центр приграничного сотрудничества «Хоргос»',
      zh: '中哈霍尔果斯国际边境合作中心',
      kk: '«Қорғас» халықаралық шекара маңы ынтымақтастық орталығы',
    },
    city: 'horgos',
    costFen: 20_000,
  },
  sayram: {
    slug: 'sayram-lake',
    name: { en: 'Sayram Lake', ru: 'Озеро Сайрам', zh: '赛里木湖', kk: 'Сайрам көлі' },
    // Not in a city treatment is in: the agency's trips there leave from Horgos.
    city: 'horgos',
    costFen: 50_000,
  },
  kazanqi: {
    slug: 'kazanqi',
    name: {
      en: 'Kazanqi old town in Yining',
      ru: 'Старый квартал Казанчи в Инине (Кульдже)',
      zh: '伊宁市喀赞其民俗旅游区',
      kk: 'Құлжадағы Қазаншы ескі кварталы',
    },
    city: 'yining',
    costFen: 15_000,
  },
  iliRiver: {
    slug: 'ili-river-walk',
    name: {
      en: 'Evening walk on the Ili River embankment',
      ru: 'Вечерняя прогулка по набережной реки Или',
      zh: '伊犁河畔夜游',
      kk: 'Іле өзенінің жағалауымен кешкі серуен',
    },
    city: 'yining',
    costFen: 8_000,
  },
} satisfies Record<string, Place>;

/** A package's visit to a place on one day of the trip; how long it takes is the agency's excursion's. */
type Visit = { place: Place; day: number };

/** A hotel the demo agencies put travellers in, with what a night costs the agency per traveller. */
type HotelSpec = {
  slug: string;
  name: LocalizedText;
  city: City;
  stars: number;
  rooms: Record<string, LocalizedText>;
  meals: readonly MealPlan[];
  nightlyFen: number;
};

const HOTELS = {
  tianshanGarden: {
    slug: 'tianshan-garden',
    name: {
      en: 'Tianshan Garden Hotel Urumqi',
      ru: 'Отель «Тяньшань Гарден», Урумчи',
      zh: '乌鲁木齐天山花园酒店',
    },
    city: 'urumqi',
    stars: 4,
    rooms: {
      twin: { en: 'Twin room', ru: 'Двухместный номер с раздельными кроватями', zh: '标准双床房' },
      single: { en: 'Single room', ru: 'Одноместный номер', zh: '单人间' },
    },
    meals: ['breakfast', 'half_board'],
    nightlyFen: 28_000,
  },
  silkRoadGrand: {
    slug: 'silk-road-grand',
    name: {
      en: 'Silk Road Grand Hotel Urumqi',
      ru: 'Гранд-отель «Шёлковый путь», Урумчи',
      zh: '乌鲁木齐丝路大酒店',
    },
    city: 'urumqi',
    stars: 4,
    rooms: {
      doubleOrTwin: { en: 'Double or twin room', ru: 'Двухместный номер', zh: '大床房或双床房' },
      family: { en: 'Family room', ru: 'Семейный номер', zh: '家庭房' },
    },
    meals: ['breakfast', 'half_board', 'full_board'],
    nightlyFen: 32_000,
  },
  kunlunGarden: {
    slug: 'kunlun-garden',
    name: {
      en: 'Kunlun Garden Hotel Urumqi',
      ru: 'Отель «Куньлунь Гарден», Урумчи',
      zh: '乌鲁木齐昆仑花园酒店',
    },
    city: 'urumqi',
    stars: 4,
    rooms: {
      twinStepFree: {
        en: 'Twin room with step-free access',
        ru: 'Двухместный номер без порогов и ступеней',
        zh: '无障碍双床房',
      },
      single: { en: 'Single room', ru: 'Одноместный номер', zh: '单人间' },
    },
    meals: ['breakfast', 'half_board', 'full_board'],
    nightlyFen: 36_000,
  },
  horgosBorderStar: {
    slug: 'horgos-border-star',
    name: { en: 'Horgos Border Star Hotel', ru: 'Отель «Бордер Стар», Хоргос', zh: '霍尔果斯边境之星酒店' },
    city: 'horgos',
    stars: 3,
    rooms: {
      double: { en: 'Double room', ru: 'Двухместный номер', zh: '标准间' },
    },
    meals: ['breakfast', 'half_board'],
    nightlyFen: 22_000,
  },
  iliRiver: {
    slug: 'ili-river',
    name: { en: 'Ili River Hotel Yining', ru: 'Отель «Или Ривер», Инин', zh: '伊宁伊犁河大酒店' },
    city: 'yining',
    stars: 4,
    rooms: {
      twin: { en: 'Twin room', ru: 'Двухместный номер', zh: '标准双床房' },
    },
    meals: ['breakfast', 'half_board'],
    nightlyFen: 26_000,
  },
} satisfies Record<string, HotelSpec>;

/** A package's stay: one of the hotel's rooms and one of its meal plans. */
type Stay = { hotel: HotelSpec; room: LocalizedText; meals: MealPlan };

function stay<Room extends string>(
  hotel: HotelSpec & { rooms: Record<Room, LocalizedText> },
  room: Room,
  meals: MealPlan,
): Stay {
  return { hotel, room: hotel.rooms[room], meals };
}

/**
 * What each demo agency composes its packages from: hotels, with the beds each
 * holds for the agency's travellers every night (well above the seats of the
 * agency's departures that share a night), and the excursions it runs.
 */
type AgencyComponents = {
  hotels: { hotel: HotelSpec; beds: number }[];
  excursions: { place: Place; hours: number }[];
};

const AGENCY_COMPONENTS: Readonly<Record<string, AgencyComponents>> = {
  'jibek-zholy-almaty': {
    hotels: [
      { hotel: HOTELS.tianshanGarden, beds: 30 },
      { hotel: HOTELS.horgosBorderStar, beds: 30 },
      { hotel: HOTELS.iliRiver, beds: 30 },
    ],
    excursions: [
      { place: PLACES.grandBazaar, hours: 3 },
      { place: PLACES.museum, hours: 3 },
      { place: PLACES.tianchi, hours: 8 },
      { place: PLACES.horgosCentre, hours: 3 },
      { place: PLACES.kazanqi, hours: 4 },
      { place: PLACES.sayram, hours: 9 },
      { place: PLACES.iliRiver, hours: 2 },
    ],
  },
  'shifo-sayohat-tashkent': {
    hotels: [
      { hotel: HOTELS.silkRoadGrand, beds: 60 },
      { hotel: HOTELS.tianshanGarden, beds: 30 },
    ],
    excursions: [
      { place: PLACES.grandBazaar, hours: 3 },
      { place: PLACES.redHill, hours: 2 },
      { place: PLACES.museum, hours: 3 },
      { place: PLACES.tianchi, hours: 8 },
    ],
  },
  'ala-too-med-bishkek': {
    hotels: [{ hotel: HOTELS.kunlunGarden, beds: 40 }],
    // Short visits at an easy pace: many of its travellers are recovering from a stroke.
    excursions: [
      { place: PLACES.redHill, hours: 2 },
      { place: PLACES.museum, hours: 2 },
      { place: PLACES.grandBazaar, hours: 2 },
    ],
  },
};

/** When the demo agencies entered their hotels and excursions: fixed, so every load writes the same items. */
const COMPONENTS_CREATED_AT = '2026-01-12T06:00:00.000Z';

/** Component ids start with the agency's, so no agency's id names another agency's hotel or excursion. */
const componentId = (agencyId: string, slug: string) => `${agencyId}-${slug}`;

function demoHotels(): Hotel[] {
  return Object.entries(AGENCY_COMPONENTS).flatMap(([agencyId, { hotels }]) =>
    hotels.map(
      ({ hotel, beds }): Hotel => ({
        hotelId: componentId(agencyId, hotel.slug),
        agencyId,
        name: hotel.name,
        city: hotel.city,
        stars: hotel.stars,
        beds,
        roomTypes: Object.values(hotel.rooms),
        meals: [...hotel.meals],
        version: 1,
        createdAt: COMPONENTS_CREATED_AT,
        updatedAt: COMPONENTS_CREATED_AT,
      }),
    ),
  );
}

function demoExcursions(): ExcursionComponent[] {
  return Object.entries(AGENCY_COMPONENTS).flatMap(([agencyId, { excursions }]) =>
    excursions.map(
      ({ place, hours }): ExcursionComponent => ({
        excursionId: componentId(agencyId, place.slug),
        agencyId,
        name: place.name,
        city: place.city,
        hours,
        version: 1,
        createdAt: COMPONENTS_CREATED_AT,
        updatedAt: COMPONENTS_CREATED_AT,
      }),
    ),
  );
}

type PackageSpec = {
  packageId: string;
  agencyId: string;
  programmeId: string;
  title: LocalizedText;
  description: LocalizedText;
  durationDays: number;
  stay: Stay;
  visits: readonly Visit[];
  services: readonly ServiceKind[];
  /** The agency's own fee, shown within the services line. */
  organisationFen: number;
  cancellation: readonly CancellationTier[];
  currencies: readonly Currency[];
  /** Days of the month on which the package departs. */
  anchors: readonly number[];
  /**
   * Seats per departure, picked by the departure's month so each date always gets the same;
   * never more than the hospital's DEMO_BEDS, or publishing the package again would be refused.
   */
  seats: readonly number[];
};

const PACKAGES: readonly PackageSpec[] = [
  {
    packageId: 'kz-urumqi-acupuncture-13',
    agencyId: 'jibek-zholy-almaty',
    programmeId: 'xjtcm-acupuncture-10',
    title: {
      ru: 'Иглоукалывание в Урумчи: 13 дней с курсом в больнице ТКМ',
      kk: 'Үрімжіде инемен емдеу: ҚДМ ауруханасында 13 күн',
      en: 'Acupuncture in Urumqi: 13 days with a course at the TCM hospital',
    },
    description: {
      ru: 'Десять дней иглоукалывания, прижигания и банок в Больнице ТКМ Синьцзяна: процедуры по утрам, после обеда свободное время или экскурсии. Встреча в аэропорту Урумчи, переводчик с русским и казахским на всех приёмах у врача, халяльное питание.',
      kk: 'Шыңжаңның ҚДМ ауруханасында он күн инемен емдеу, күйдіру және банка: емшаралар таңертең, түстен кейін бос уақыт немесе экскурсия. Үрімжі әуежайында қарсы алу, дәрігер қабылдауының бәрінде орыс және қазақ тілдерін білетін аудармашы, халал тамақ.',
      en: 'Ten days of acupuncture, moxibustion and cupping at the Xinjiang TCM Hospital, with sessions in the morning and the afternoons free or on excursions. Pick-up at Urumqi airport, a Russian- and Kazakh-speaking interpreter at every appointment, halal meals.',
    },
    durationDays: 13,
    stay: stay(HOTELS.tianshanGarden, 'twin', 'breakfast'),
    visits: [
      { place: PLACES.grandBazaar, day: 3 },
      { place: PLACES.museum, day: 6 },
      { place: PLACES.tianchi, day: 12 },
    ],
    services: ['airport_pickup', 'interpreter', 'familiar_meals', 'transfers'],
    organisationFen: 80_000,
    cancellation: [
      { daysBeforeDeparture: 30, refundPercent: 100 },
      { daysBeforeDeparture: 14, refundPercent: 50 },
      { daysBeforeDeparture: 0, refundPercent: 0 },
    ],
    currencies: ['KZT', 'USD'],
    anchors: [5, 20],
    seats: [12, 10, 3, 16, 8, 12],
  },
  {
    packageId: 'kz-horgos-tuina-13',
    agencyId: 'jibek-zholy-almaty',
    programmeId: 'horgos-tuina-10',
    title: {
      ru: 'Массаж туйна в Хоргосе: 13 дней у границы',
      kk: 'Қорғаста туйна массажы: шекара маңында 13 күн',
      en: 'Tuina massage in Horgos: 13 days just across the border',
      zh: '霍尔果斯推拿康养之旅，13天',
    },
    description: {
      ru: 'Трансфер из Алматы через пункт пропуска Нур Жолы — Хоргос (без визы) до гостиницы. Десять дней массажа туйна и банок для спины и шеи в Народной больнице Хоргоса, переводчик говорит по-русски и по-казахски.',
      kk: 'Алматыдан Нұр Жолы — Қорғас өткізу пункті арқылы (визасыз) қонақүйге дейін трансфер. Қорғас халық ауруханасында арқа мен мойынға он күн туйна массажы және банка, аудармашы орысша және қазақша сөйлейді.',
      en: "Transfer from Almaty through the Nur Zholy–Horgos crossing (visa-free) to the hotel. Ten days of tuina massage and cupping for back and neck at the Horgos People's Hospital, with a Russian- and Kazakh-speaking interpreter.",
      zh: '从阿拉木图经努尔饶勒—霍尔果斯口岸免签入境，专车送至酒店。在霍尔果斯市人民医院进行10天颈肩腰背推拿与拔罐，全程俄语、哈萨克语翻译陪同。',
    },
    durationDays: 13,
    stay: stay(HOTELS.horgosBorderStar, 'double', 'half_board'),
    visits: [
      { place: PLACES.horgosCentre, day: 4 },
      { place: PLACES.kazanqi, day: 8 },
      { place: PLACES.sayram, day: 12 },
    ],
    services: ['transfers', 'interpreter', 'familiar_meals'],
    organisationFen: 60_000,
    cancellation: [
      { daysBeforeDeparture: 21, refundPercent: 100 },
      { daysBeforeDeparture: 7, refundPercent: 50 },
      { daysBeforeDeparture: 0, refundPercent: 0 },
    ],
    currencies: ['KZT', 'USD', 'CNY'],
    anchors: [1, 15],
    seats: [10, 8, 6, 2, 10, 8],
  },
  {
    packageId: 'kz-yining-rehab-15',
    agencyId: 'jibek-zholy-almaty',
    programmeId: 'ili-spine-rehab-12',
    title: {
      ru: 'Реабилитация позвоночника и суставов в Инине (Кульдже): 15 дней',
      kk: 'Құлжада омыртқа мен буындарды оңалту: 15 күн',
      en: 'Spine and joint rehabilitation in Yining (Ghulja): 15 days',
    },
    description: {
      ru: 'Двенадцать дней реабилитации в Больнице ТКМ Или-Казахского автономного округа: ЛФК и физиотерапия дважды в день, иглоукалывание и массаж. Врачи заранее изучают присланные снимки и выписки и могут отказать, если курс вам не подходит.',
      kk: 'Іле Қазақ автономиялық облысының ҚДМ ауруханасында он екі күн оңалту: күніне екі рет емдік дене шынықтыру мен физиотерапия, инемен емдеу және массаж. Дәрігерлер жіберілген суреттер мен үзінділерді алдын ала қарайды, курс сізге сәйкес келмесе бас тартуы мүмкін.',
      en: 'Twelve days of rehabilitation at the Ili Prefecture TCM Hospital: exercise therapy and physiotherapy twice a day, acupuncture and tuina. The doctors review the scans and discharge notes you send beforehand and may decline if the course does not suit you.',
    },
    durationDays: 15,
    stay: stay(HOTELS.iliRiver, 'twin', 'half_board'),
    visits: [
      { place: PLACES.kazanqi, day: 4 },
      { place: PLACES.iliRiver, day: 9 },
      { place: PLACES.sayram, day: 14 },
    ],
    services: ['airport_pickup', 'interpreter', 'familiar_meals', 'transfers'],
    organisationFen: 90_000,
    cancellation: [
      { daysBeforeDeparture: 30, refundPercent: 100 },
      { daysBeforeDeparture: 10, refundPercent: 30 },
      { daysBeforeDeparture: 0, refundPercent: 0 },
    ],
    currencies: ['KZT', 'USD'],
    anchors: [8, 22],
    seats: [6, 4, 6, 5, 6, 3],
  },
  {
    packageId: 'uz-urumqi-herbal-17',
    agencyId: 'shifo-sayohat-tashkent',
    programmeId: 'xjtcm-herbal-14',
    title: {
      ru: 'Фитотерапия в Урумчи: 17 дней с ежедневными отварами трав',
      uz: 'Urumchida fitoterapiya: har kungi giyoh damlamalari bilan 17 kun',
      en: 'Herbal therapy in Urumqi: 17 days with daily decoctions',
    },
    description: {
      ru: 'Врач Больницы ТКМ Синьцзяна назначает травы после диагностики по пульсу и языку и меняет рецепт на повторных приёмах; отвары готовит аптека больницы. Четырнадцать дней лечения, травяные ванночки для ног и гранулы на 30 дней домой; переводчик говорит по-русски и по-узбекски.',
      uz: 'Shinjon Xitoy anʼanaviy tibbiyoti kasalxonasi shifokori tomir urishi va tilga qarab giyohlar tayinlaydi va keyingi qabullarda retseptni oʻzgartiradi; damlamalarni kasalxona dorixonasi tayyorlaydi. Oʻn toʻrt kunlik davolash, oyoq uchun giyohli vannalar va uyga 30 kunlik granulalar; tarjimon rus va oʻzbek tillarida gapiradi.',
      en: 'A physician at the Xinjiang TCM Hospital prescribes after pulse and tongue diagnosis and adjusts the prescription at follow-ups; the hospital pharmacy prepares the decoctions. Fourteen days of treatment, herbal foot soaks and granules for 30 days at home; the interpreter speaks Russian and Uzbek.',
    },
    durationDays: 17,
    stay: stay(HOTELS.silkRoadGrand, 'doubleOrTwin', 'breakfast'),
    visits: [
      { place: PLACES.grandBazaar, day: 3 },
      { place: PLACES.redHill, day: 6 },
      { place: PLACES.museum, day: 10 },
      { place: PLACES.tianchi, day: 16 },
    ],
    services: ['airport_pickup', 'interpreter', 'familiar_meals', 'transfers'],
    organisationFen: 100_000,
    cancellation: [
      { daysBeforeDeparture: 45, refundPercent: 100 },
      { daysBeforeDeparture: 21, refundPercent: 70 },
      { daysBeforeDeparture: 7, refundPercent: 30 },
      { daysBeforeDeparture: 0, refundPercent: 0 },
    ],
    currencies: ['UZS', 'USD'],
    anchors: [10, 25],
    seats: [12, 16, 10, 4, 12, 8],
  },
  {
    packageId: 'uz-urumqi-catgut-13',
    agencyId: 'shifo-sayohat-tashkent',
    programmeId: 'xjtcm-catgut-10',
    title: {
      ru: 'Вшивание кетгута в Урумчи: 13 дней',
      uz: 'Urumchida akupunktur nuqtalarga ketgut tikish: 13 kun',
      en: 'Catgut embedding in Urumqi: 13 days',
    },
    description: {
      ru: 'Два сеанса вшивания кетгута в акупунктурные точки с интервалом в неделю и шесть сеансов иглоукалывания в Больнице ТКМ Синьцзяна. Чаще всего курс выбирают при болях в спине и при лишнем весе; подходит ли он вам, врач решает на первом приёме.',
      uz: 'Shinjon Xitoy anʼanaviy tibbiyoti kasalxonasida bir hafta oraliq bilan akupunktur nuqtalarga ikki marta ketgut tikish va olti marta igna bilan davolash. Koʻpincha bel ogʻrigʻi yoki ortiqcha vazn uchun tanlanadi; sizga mos kelishini shifokor birinchi qabulda hal qiladi.',
      en: 'Two sessions of acupoint catgut embedding a week apart and six acupuncture sessions at the Xinjiang TCM Hospital. Patients most often choose it for back pain or weight control; the physician decides at the first appointment whether it suits you.',
    },
    durationDays: 13,
    stay: stay(HOTELS.tianshanGarden, 'twin', 'breakfast'),
    visits: [
      { place: PLACES.grandBazaar, day: 4 },
      { place: PLACES.museum, day: 8 },
      { place: PLACES.tianchi, day: 12 },
    ],
    services: ['airport_pickup', 'interpreter', 'familiar_meals'],
    organisationFen: 80_000,
    cancellation: [
      { daysBeforeDeparture: 30, refundPercent: 100 },
      { daysBeforeDeparture: 14, refundPercent: 50 },
      { daysBeforeDeparture: 3, refundPercent: 20 },
      { daysBeforeDeparture: 0, refundPercent: 0 },
    ],
    currencies: ['UZS', 'USD'],
    anchors: [5, 20],
    seats: [10, 2, 12, 14, 4, 8],
  },
  {
    packageId: 'uz-urumqi-uyghur-med-13',
    agencyId: 'shifo-sayohat-tashkent',
    programmeId: 'uyghur-med-10',
    title: {
      ru: 'Уйгурская медицина в Урумчи: 13 дней',
      uz: 'Urumchida uygʻur tabobati: 13 kun',
      en: 'Uyghur medicine in Urumqi: 13 days',
    },
    description: {
      ru: 'Курс в Больнице уйгурской медицины: травяные паровые ванны, аппликации и мунзиг-мусхиль по назначению врача, чаще всего при болях в суставах и хронических болезнях кожи. Персонал больницы и переводчик говорят по-узбекски и по-русски.',
      uz: 'Uygʻur tabobati kasalxonasida kurs: shifokor tayinlagan giyohli bugʻ vannalari, malhamlar hamda munzij-mushil, koʻpincha boʻgʻim ogʻriqlari va surunkali teri kasalliklarida. Kasalxona xodimlari va tarjimon oʻzbek va rus tillarida gapiradi.',
      en: 'A course at the Uyghur Medicine Hospital: herbal steam baths, poultices and munziq-mushil as the physician prescribes, most often for joint pain and chronic skin conditions. Hospital staff and the interpreter speak Uzbek and Russian.',
    },
    durationDays: 13,
    stay: stay(HOTELS.silkRoadGrand, 'doubleOrTwin', 'breakfast'),
    visits: [
      { place: PLACES.grandBazaar, day: 3 },
      { place: PLACES.redHill, day: 5 },
      { place: PLACES.museum, day: 9 },
      { place: PLACES.tianchi, day: 12 },
    ],
    services: ['airport_pickup', 'interpreter', 'familiar_meals', 'transfers'],
    organisationFen: 70_000,
    cancellation: [
      { daysBeforeDeparture: 21, refundPercent: 100 },
      { daysBeforeDeparture: 7, refundPercent: 50 },
      { daysBeforeDeparture: 0, refundPercent: 0 },
    ],
    currencies: ['UZS', 'USD'],
    anchors: [1, 15],
    seats: [8, 6, 8, 4, 3, 8],
  },
  {
    packageId: 'kg-urumqi-stroke-rehab-16',
    agencyId: 'ala-too-med-bishkek',
    programmeId: 'xjmu-stroke-rehab-14',
    title: {
      ru: 'Реабилитация после инсульта в Урумчи: 16 дней',
      ky: 'Үрүмчүдө инсульттан кийинки калыбына келтирүү: 16 күн',
      en: 'Rehabilitation after stroke in Urumqi: 16 days',
    },
    description: {
      ru: 'Четырнадцать дней неврологической реабилитации в Первой аффилированной больнице Синьцзянского медицинского университета: ЛФК и физиотерапия дважды в день, иглоукалывание, занятия с логопедом при необходимости. Приглашение для визы, встреча в аэропорту и переводчик с русским и кыргызским включены; сопровождающий бронирует место как второй путешественник.',
      ky: 'Шинжаң медициналык университетинин Биринчи клиникалык ооруканасында он төрт күн неврологиялык калыбына келтирүү: күнүнө эки жолу дарылоочу дене тарбия жана физиотерапия, ийне менен дарылоо, керек болсо логопед. Виза үчүн чакыруу кат, аэропорттон тосуп алуу жана орусча, кыргызча сүйлөгөн котормочу кирет; коштоочу экинчи саякатчы катары орун брондойт.',
      en: 'Fourteen days of neurological rehabilitation at the First Affiliated Hospital of Xinjiang Medical University: exercise therapy and physiotherapy twice a day, acupuncture, speech therapy where needed. The visa invitation letter, airport pick-up and a Russian- and Kyrgyz-speaking interpreter are included; a companion books a seat as a second traveller.',
    },
    durationDays: 16,
    stay: stay(HOTELS.kunlunGarden, 'twinStepFree', 'full_board'),
    visits: [
      { place: PLACES.redHill, day: 8 },
      { place: PLACES.museum, day: 12 },
      { place: PLACES.grandBazaar, day: 15 },
    ],
    services: ['visa_letter', 'airport_pickup', 'interpreter', 'familiar_meals', 'transfers'],
    organisationFen: 120_000,
    cancellation: [
      { daysBeforeDeparture: 60, refundPercent: 100 },
      { daysBeforeDeparture: 30, refundPercent: 75 },
      { daysBeforeDeparture: 14, refundPercent: 50 },
      { daysBeforeDeparture: 0, refundPercent: 0 },
    ],
    currencies: ['KGS', 'RUB', 'USD'],
    anchors: [5, 20],
    seats: [4, 6, 8, 3, 10, 8],
  },
  {
    packageId: 'kg-urumqi-orthopaedics-12',
    agencyId: 'ala-too-med-bishkek',
    programmeId: 'xjmu-knee-spine-10',
    title: {
      ru: 'Ортопедия в Урумчи: колени и позвоночник без операции, 12 дней',
      ky: 'Үрүмчүдө ортопедия: тизе жана омуртка операциясыз, 12 күн',
      en: 'Orthopaedics in Urumqi: knees and spine without surgery, 12 days',
    },
    description: {
      ru: 'Консультация хирурга-ортопеда, МРТ одного сустава или отдела позвоночника и десять дней физиотерапии и ударно-волновой терапии в Первой аффилированной больнице Синьцзянского медицинского университета. Если по присланным снимкам хирург считает, что нужна операция, вам скажут об этом до поездки.',
      ky: 'Ортопед-хирургдун кеңеши, бир муундун же омуртка бөлүгүнүн МРТсы жана Шинжаң медициналык университетинин Биринчи клиникалык ооруканасында он күн физиотерапия жана сокку толкун терапиясы. Жиберилген сүрөттөр боюнча хирург операция керек деп эсептесе, бул тууралуу сапарга чейин айтылат.',
      en: "An orthopaedic surgeon's consultation, an MRI of one joint or spine segment, and ten days of physiotherapy and shock-wave therapy at the First Affiliated Hospital of Xinjiang Medical University. If the surgeon thinks from the scans you send that you need an operation, you are told before the trip.",
    },
    durationDays: 12,
    stay: stay(HOTELS.kunlunGarden, 'twinStepFree', 'full_board'),
    visits: [
      { place: PLACES.grandBazaar, day: 3 },
      { place: PLACES.museum, day: 6 },
      { place: PLACES.redHill, day: 10 },
    ],
    services: ['visa_letter', 'airport_pickup', 'interpreter', 'familiar_meals', 'transfers'],
    organisationFen: 90_000,
    cancellation: [
      { daysBeforeDeparture: 30, refundPercent: 100 },
      { daysBeforeDeparture: 7, refundPercent: 50 },
      { daysBeforeDeparture: 0, refundPercent: 0 },
    ],
    currencies: ['KGS', 'RUB', 'USD'],
    anchors: [10, 25],
    seats: [10, 12, 2, 12, 8, 12],
  },
];

/**
 * Minor units of each currency per fen, as a fraction, and the step prices are rounded to.
 * Rates are fixed demo values close to the market, so every load gives the same prices.
 */
const RATES: Record<Currency, { num: number; den: number; step: number }> = {
  CNY: { num: 1, den: 1, step: 100 },
  KZT: { num: 72, den: 1, step: 10_000 },
  UZS: { num: 1_700, den: 1, step: 100_000 },
  KGS: { num: 122, den: 10, step: 1_000 },
  RUB: { num: 112, den: 10, step: 1_000 },
  USD: { num: 139, den: 1_000, step: 500 },
};

/** Half-up integer division, with no float in between. */
function divRound(numerator: number, divisor: number): number {
  const shifted = numerator + (divisor - (divisor % 2)) / 2;
  return (shifted - (shifted % divisor)) / divisor;
}

function convert(fen: number, currency: Currency): number {
  const { num, den, step } = RATES[currency];
  return divRound(fen * num, den * step) * step;
}

/** Summer is high season in Xinjiang, winter is quiet: hotels and excursions follow. */
function seasonPercent(month: number): { stay: number; sightseeing: number } {
  if (month >= 6 && month <= 9) return { stay: 120, sightseeing: 115 };
  if (month === 12 || month <= 2) return { stay: 90, sightseeing: 100 };
  return { stay: 100, sightseeing: 100 };
}

function serviceFen(kind: ServiceKind, spec: PackageSpec, treatmentDays: number): number {
  switch (kind) {
    case 'airport_pickup':
      return 30_000;
    case 'interpreter':
      return 10_000 * treatmentDays;
    case 'familiar_meals':
      return 6_000 * (spec.durationDays - 1);
    case 'visa_letter':
      return 40_000;
    case 'transfers':
      return 5_000 * treatmentDays;
  }
}

function linesInFen(spec: PackageSpec, programme: TreatmentProgramme, month: number): PriceLines {
  const season = seasonPercent(month);
  const nights = spec.durationDays - 1;
  const excursions = spec.visits.reduce((sum, visit) => sum + visit.place.costFen, 0);
  const services = spec.services.reduce(
    (sum, kind) => sum + serviceFen(kind, spec, programme.days),
    spec.organisationFen,
  );
  return {
    treatment: programme.price.amount,
    accommodation: divRound(spec.stay.hotel.nightlyFen * nights * season.stay, 100),
    sightseeing: divRound(excursions * season.sightseeing, 100),
    services,
  };
}

function offerIn(currency: Currency, fen: PriceLines): PriceOffer {
  return {
    currency,
    lines: {
      treatment: convert(fen.treatment, currency),
      accommodation: convert(fen.accommodation, currency),
      sightseeing: convert(fen.sightseeing, currency),
      services: convert(fen.services, currency),
    },
  };
}

function find<T>(records: readonly T[], matches: (record: T) => boolean, what: string): T {
  const found = records.find(matches);
  if (found === undefined) throw new Error(`demo catalog refers to a missing ${what}`);
  return found;
}

/** The agency's own hotel and excursions for a package, as the agency area would look them up. */
function componentsFor(
  spec: PackageSpec,
  hotels: readonly Hotel[],
  excursions: readonly ExcursionComponent[],
): { hotel: Hotel; visits: { excursion: ExcursionComponent; day: number }[] } {
  const hotelId = componentId(spec.agencyId, spec.stay.hotel.slug);
  const hotel = find(
    hotels,
    (h) => h.agencyId === spec.agencyId && h.hotelId === hotelId,
    `hotel ${hotelId} of ${spec.agencyId}`,
  );
  const visits = spec.visits.map((visit) => {
    const excursionId = componentId(spec.agencyId, visit.place.slug);
    const excursion = find(
      excursions,
      (e) => e.agencyId === spec.agencyId && e.excursionId === excursionId,
      `excursion ${excursionId} of ${spec.agencyId}`,
    );
    return { excursion, day: visit.day };
  });
  return { hotel, visits };
}

/** The package exactly as the agency area's composePackage would make it from these records. */
function buildPackage(
  spec: PackageSpec,
  agency: Agency,
  hospital: Hospital,
  programme: TreatmentProgramme,
  { hotel, visits }: ReturnType<typeof componentsFor>,
): Package {
  const languageServices = new Set<ServiceKind>(['interpreter', 'familiar_meals']);
  return {
    packageId: spec.packageId,
    agencyId: agency.agencyId,
    agency: { name: agency.name },
    hospital: {
      name: hospital.name,
      hospitalId: hospital.hospitalId,
      city: hospital.city,
      languages: hospital.languages,
    },
    status: 'published',
    title: spec.title,
    description: spec.description,
    city: hospital.city,
    durationDays: spec.durationDays,
    treatment: {
      hospitalId: hospital.hospitalId,
      programmeId: programme.programmeId,
      kind: programme.kind,
      title: programme.title,
      startDay: TREATMENT_START_DAY,
      days: programme.days,
      sessions: programme.sessions,
      includes: programme.includes,
    },
    accommodation: {
      hotelId: hotel.hotelId,
      name: hotel.name,
      ...(hotel.stars === undefined ? {} : { stars: hotel.stars }),
      nights: spec.durationDays - 1,
      room: spec.stay.room,
      meals: spec.stay.meals,
    },
    sightseeing: visits.map(
      ({ excursion, day }): Excursion => ({
        excursionId: excursion.excursionId,
        name: excursion.name,
        day,
        hours: excursion.hours,
      }),
    ),
    services: spec.services.map((kind) => ({
      kind,
      languages: languageServices.has(kind) ? agency.languages : [],
    })),
    serviceLanguages: agency.languages,
    cancellationPolicy: { tiers: [...spec.cancellation] },
  };
}

/** Anchor dates strictly after `today` and at most HORIZON_DAYS ahead, in order. */
function departureDates(today: string, anchors: readonly number[]): string[] {
  const year = Number(today.slice(0, 4));
  const monthIndex = Number(today.slice(5, 7)) - 1;
  const dates: string[] = [];
  for (let offset = 0; offset <= 6; offset++) {
    for (const day of anchors) {
      const date = new Date(Date.UTC(year, monthIndex + offset, day)).toISOString().slice(0, 10);
      const ahead = daysBetween(today, date);
      if (ahead >= 1 && ahead <= HORIZON_DAYS) dates.push(date);
    }
  }
  return dates;
}

function buildDepartures(spec: PackageSpec, programme: TreatmentProgramme, today: string): Departure[] {
  return departureDates(today, spec.anchors).map((startDate) => {
    const year = Number(startDate.slice(0, 4));
    const month = Number(startDate.slice(5, 7));
    const anchorIndex = spec.anchors.indexOf(Number(startDate.slice(8, 10)));
    const slot = (year * 12 + month) * spec.anchors.length + anchorIndex;
    const seatsTotal = spec.seats[slot % spec.seats.length] ?? 10;
    const fen = linesInFen(spec, programme, month);
    return {
      departureId: `${spec.packageId}-${startDate}`,
      packageId: spec.packageId,
      startDate,
      endDate: addDays(startDate, spec.durationDays - 1),
      seatsTotal,
      seatsLeft: seatsTotal,
      prices: spec.currencies.map((currency) => offerIn(currency, fen)),
    };
  });
}

/** The international patients' office of each demo hospital (numbers in the demo's +86 991 / 999 ranges). */
function officeOf(hospitalId: string): Contact {
  const local = { 'xjmu-first-hospital': '9914362001', 'xj-tcm-hospital': '9915852002' } as Record<
    string,
    string
  >;
  const number = local[hospitalId] ?? '9998012003';
  return {
    email: `international@${hospitalId}.example.cn`,
    phone: `+86${number}`,
    messengers: [
      { kind: 'wechat', handle: `${hospitalId}-intl` },
      { kind: 'whatsapp', handle: `+86${number}` },
    ],
    hours: 'Mon–Sat 09:00–19:00 Asia/Urumqi',
  };
}

/** `today` is YYYY-MM-DD (UTC); departures are placed on fixed days of the coming months so reloading later adds new ones without changing existing ids. */
export function demoCatalog(today: string): DemoCatalog {
  IsoDate.parse(today);
  const hotels = demoHotels();
  const excursions = demoExcursions();
  const packages = PACKAGES.map((spec) => {
    const agency = find(AGENCIES, (a) => a.agencyId === spec.agencyId, `agency ${spec.agencyId}`);
    const programme = find(
      PROGRAMMES,
      (p) => p.programmeId === spec.programmeId,
      `programme ${spec.programmeId}`,
    );
    const hospital = find(
      HOSPITALS,
      (h) => h.hospitalId === programme.hospitalId,
      `hospital ${programme.hospitalId}`,
    );
    return {
      pkg: buildPackage(spec, agency, hospital, programme, componentsFor(spec, hotels, excursions)),
      departures: buildDepartures(spec, programme, today),
    };
  });
  // The constants above are shared between calls; callers get their own copy to change freely.
  return structuredClone({
    hospitals: HOSPITALS.map((hospital) => ({
      ...hospital,
      internationalOffice: officeOf(hospital.hospitalId),
    })),
    programmes: [...PROGRAMMES],
    agencies: [...AGENCIES],
    hotels,
    excursions,
    packages,
  });
}

/** Beds for international patients per day at each demo hospital, from today for the coming months. */
export const DEMO_BEDS: Readonly<Record<string, number>> = {
  'xjmu-first-hospital': 12,
  'xj-tcm-hospital': 20,
  'xj-uyghur-medicine-hospital': 8,
  'horgos-peoples-hospital': 10,
  'ili-tcm-hospital': 6,
};

/** Capacity days for every demo hospital from `today` to the end of the departure horizon plus a trip. */
export function demoCapacity(today: string): CapacityDay[] {
  const days = HORIZON_DAYS + 60;
  return HOSPITALS.flatMap((hospital) =>
    Array.from({ length: days }, (_, offset) => {
      const capacity = DEMO_BEDS[hospital.hospitalId] ?? 6;
      return { hospitalId: hospital.hospitalId, date: addDays(today, offset), capacity, available: capacity };
    }),
  );
}
