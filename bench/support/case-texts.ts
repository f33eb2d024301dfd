/**
 * What a customer and an agent write in one case's lifecycle, in Polish and in Hebrew (the
 * final responses carry the customer's referral rights in their language, so the
 * correspondence checks of policies/test-fast.yaml pass them). Lifecycle drivers use the
 * two in turn.
 */
export interface CaseText {
  customer: { name: string; language: string };
  channel: string;
  summary: string;
  description: string;
  desiredOutcome: string;
  contact: string;
  rationale: string;
  resolutionSummary: string;
  responseText: string;
  comment: string;
}

export const POLISH: CaseText = {
  customer: { name: 'Katarzyna Wiśniewska', language: 'pl' },
  channel: 'phone',
  summary: 'Podwójne obciążenie karty za fakturę 2026/114',
  description:
    'Dzień dobry, 3 listopada moja karta została obciążona dwukrotnie kwotą 45,00 EUR za tę samą fakturę nr 2026/114. ' +
    'Proszę o zwrot nadpłaty i wyjaśnienie, jak do tego doszło.',
  desiredOutcome: 'Zwrot podwójnie pobranej kwoty',
  contact: 'Rozmowa telefoniczna z klientką: potwierdziłam podwójne obciążenie i wyjaśniłam, że zwrot zlecamy jeszcze dziś.',
  rationale: 'Zwrot podwójnie pobranej opłaty za fakturę 2026/114',
  resolutionSummary: 'Podwójne obciążenie zwrócone na kartę klientki',
  responseText:
    'Szanowna Pani, potwierdzamy, że opłata za fakturę 2026/114 została pobrana dwukrotnie z powodu błędu naszego systemu płatności. ' +
    'Zwróciliśmy nadpłatę w wysokości 45,00 EUR na Pani kartę; środki powinny być widoczne w ciągu trzech dni roboczych. ' +
    'Bardzo przepraszamy za kłopot. Jeśli ta odpowiedź Pani nie satysfakcjonuje, może Pani zwrócić się do Rzecznika Finansowego (ombudsman).',
  comment: 'Dziękuję, zwrot jest już widoczny na koncie.',
};

export const HEBREW: CaseText = {
  customer: { name: 'נועה לוי', language: 'he' },
  channel: 'email',
  summary: 'חיוב כפול בכרטיס האשראי עבור חשבונית 2026-114',
  description: 'שלום, ב-3 בנובמבר חויבתי פעמיים בסכום של 45 אירו עבור אותה חשבונית. אבקש להחזיר את החיוב הכפול ולהסביר כיצד זה קרה.',
  desiredOutcome: 'החזר החיוב הכפול',
  contact: 'שיחה טלפונית עם הלקוחה: אישרתי את החיוב הכפול והסברתי שההחזר יבוצע עוד היום.',
  rationale: 'החזר החיוב הכפול עבור חשבונית 2026-114',
  resolutionSummary: 'החיוב הכפול הוחזר לכרטיס הלקוחה',
  responseText:
    'לקוחה יקרה, בדקנו את פנייתך ומצאנו שחשבונית 2026-114 חויבה פעמיים בשל תקלה במערכת התשלומים שלנו. ' +
    'החזרנו לכרטיסך 45 אירו, והסכום יופיע בתוך שלושה ימי עסקים. אנו מתנצלים על אי הנוחות. ' +
    'אם אינך מרוצה מתשובה זו, באפשרותך לפנות לנציב תלונות הציבור (ombudsman).',
  comment: 'תודה רבה, ההחזר התקבל!',
};
