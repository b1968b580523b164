/**
 * Every call reason (disposition) code the simulator writes on a wrapped call, with its words in
 * each language the client speaks. The simulated queues (day-model.ts) and the survey dialler
 * take their codes from here and the client's dictionaries take their labels from here, so a
 * code the simulator emits cannot reach the screen without words. An ACD's own codes are not
 * listed: the client shows those as they come.
 */

/** Words of one code: English and Traditional Chinese (the client's locales, client/src/lib/i18n). */
export interface DispositionWords {
  en: string;
  'zh-TW': string;
}

export const SIMULATED_DISPOSITIONS = {
  // Acme Telecom: billing and tech support
  'bill-explained': { en: 'Bill explained', 'zh-TW': '帳單說明' },
  'payment-arrangement': { en: 'Payment arrangement', 'zh-TW': '繳費安排' },
  refund: { en: 'Refund', 'zh-TW': '退款' },
  'plan-change': { en: 'Plan change', 'zh-TW': '方案變更' },
  complaint: { en: 'Complaint', 'zh-TW': '客訴' },
  'router-reset': { en: 'Router reset', 'zh-TW': '路由器重設' },
  'no-signal': { en: 'No signal', 'zh-TW': '無訊號' },
  'technician-booked': { en: 'Technician booked', 'zh-TW': '已預約技術人員' },
  'sim-issue': { en: 'SIM issue', 'zh-TW': '用戶識別卡問題' },
  escalated: { en: 'Escalated', 'zh-TW': '已轉上層處理' },
  // Formosa Air: reservations and baggage
  'new-booking': { en: 'New booking', 'zh-TW': '新訂位' },
  'change-booking': { en: 'Change booking', 'zh-TW': '更改訂位' },
  cancellation: { en: 'Cancellation', 'zh-TW': '取消' },
  'seat-request': { en: 'Seat request', 'zh-TW': '選位需求' },
  miles: { en: 'Miles', 'zh-TW': '哩程' },
  'delayed-bag': { en: 'Delayed bag', 'zh-TW': '行李延誤' },
  'damaged-bag': { en: 'Damaged bag', 'zh-TW': '行李損壞' },
  'lost-item': { en: 'Lost item', 'zh-TW': '遺失物品' },
  allowance: { en: 'Baggage allowance', 'zh-TW': '行李限額' },
  // Jade Bank: cards, loans, email, and the outbound survey's outcomes
  'lost-card': { en: 'Lost card', 'zh-TW': '掛失卡片' },
  'transaction-query': { en: 'Transaction query', 'zh-TW': '交易查詢' },
  'limit-increase': { en: 'Limit increase', 'zh-TW': '提高額度' },
  'fraud-report': { en: 'Fraud report', 'zh-TW': '盜刷通報' },
  activation: { en: 'Activation', 'zh-TW': '開卡' },
  'rate-enquiry': { en: 'Rate enquiry', 'zh-TW': '利率查詢' },
  'application-status': { en: 'Application status', 'zh-TW': '申請進度' },
  documents: { en: 'Documents', 'zh-TW': '文件' },
  'statement-copy': { en: 'Statement copy', 'zh-TW': '補寄對帳單' },
  'card-dispute': { en: 'Card dispute', 'zh-TW': '帳款爭議' },
  'address-change': { en: 'Address change', 'zh-TW': '地址變更' },
  'survey-success': { en: 'Survey completed', 'zh-TW': '問卷完成' },
  'survey-callback': { en: 'Survey callback', 'zh-TW': '問卷約回電' },
  'survey-refusal': { en: 'Survey refused', 'zh-TW': '拒答問卷' },
} as const satisfies Record<string, DispositionWords>;

/** A call reason code the simulator may write. */
export type SimulatedDisposition = keyof typeof SIMULATED_DISPOSITIONS;

/** The survey dialler's outcome as the call reason its agent writes ("success" -> "survey-success"). */
export function surveyDisposition(outcome: 'success' | 'callback' | 'refusal'): SimulatedDisposition {
  return `survey-${outcome}`;
}

/** One language's labels as dictionary entries (`disposition.<code>` -> words), for client/src/lib/i18n. */
export function dispositionMessages<L extends keyof DispositionWords>(locale: L): { [C in SimulatedDisposition as `disposition.${C}`]: string } {
  const out: Record<string, string> = {};
  for (const [code, words] of Object.entries(SIMULATED_DISPOSITIONS)) out[`disposition.${code}`] = words[locale];
  return out as { [C in SimulatedDisposition as `disposition.${C}`]: string };
}
