/**
 * Demo users, one or more for every role and organisation, so each view of the
 * marketplace can be tried locally: `npm run token -- --list` prints them.
 */
import type { Role } from '@shifa/contracts';

export type DemoUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The agency or hospital the user acts for. */
  organisation: string | null;
};

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: 'tourist-aigerim',
    email: 'aigerim@example.kz',
    name: 'Айгерим Нурланова',
    role: 'tourist',
    organisation: null,
  },
  {
    id: 'tourist-bekzod',
    email: 'bekzod@example.uz',
    name: 'Bekzod Karimov',
    role: 'tourist',
    organisation: null,
  },
  {
    id: 'tourist-nurlan',
    email: 'nurlan@example.kg',
    name: 'Нурлан Асанов',
    role: 'tourist',
    organisation: null,
  },
  {
    id: 'tourist-olga',
    email: 'olga@example.ru',
    name: 'Ольга Смирнова',
    role: 'tourist',
    organisation: null,
  },
  {
    id: 'agency-jibek-zholy',
    email: 'manager@jibek-zholy.example.kz',
    name: 'Дана Садыкова',
    role: 'agency',
    organisation: 'jibek-zholy-almaty',
  },
  {
    id: 'agency-shifo-sayohat',
    email: 'manager@shifo-sayohat.example.uz',
    name: 'Dilnoza Rahimova',
    role: 'agency',
    organisation: 'shifo-sayohat-tashkent',
  },
  {
    id: 'agency-ala-too',
    email: 'manager@ala-too.example.kg',
    name: 'Айбек Токтогулов',
    role: 'agency',
    organisation: 'ala-too-med-bishkek',
  },
  {
    id: 'agency-samarkand',
    email: 'manager@samarkand-shifo.example.uz',
    name: 'Jasur Aliyev',
    role: 'agency',
    organisation: 'samarkand-shifo-travel',
  },
  {
    id: 'hospital-xjmu-first',
    email: 'international@xjmu-first.example.cn',
    name: '王丽 Wang Li',
    role: 'hospital',
    organisation: 'xjmu-first-hospital',
  },
  {
    id: 'hospital-xj-tcm',
    email: 'international@xj-tcm.example.cn',
    name: '李明 Li Ming',
    role: 'hospital',
    organisation: 'xj-tcm-hospital',
  },
  {
    id: 'hospital-uyghur-medicine',
    email: 'international@xj-uyghur-medicine.example.cn',
    name: 'Алим Турсун',
    role: 'hospital',
    organisation: 'xj-uyghur-medicine-hospital',
  },
  {
    id: 'hospital-horgos',
    email: 'international@horgos-hospital.example.cn',
    name: '马娟 Ma Juan',
    role: 'hospital',
    organisation: 'horgos-peoples-hospital',
  },
  {
    id: 'hospital-ili-tcm',
    email: 'international@ili-tcm.example.cn',
    name: '张伟 Zhang Wei',
    role: 'hospital',
    organisation: 'ili-tcm-hospital',
  },
  {
    id: 'operator',
    email: 'operator@shifa.example',
    name: 'Shifa Operations',
    role: 'operator',
    organisation: null,
  },
];

export function findDemoUser(idOrEmail: string): DemoUser | undefined {
  const wanted = idOrEmail.trim().toLowerCase();
  return DEMO_USERS.find((user) => user.id === wanted || user.email === wanted);
}
