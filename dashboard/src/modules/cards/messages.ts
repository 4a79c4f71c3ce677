/** The card form's words in the app's four languages. */
import type { Language } from "../i18n/messages";

const en = {
  "card.start": "Enter a card",
  "card.save": "Save the card",
  "card.saving": "Saving the card…",
  "card.saved": "Card saved: it is charged when the order is placed.",
  "card.moto": "Type the card as the customer reads it out; never write it down.",
  "card.failed": "The card could not be saved",
};
type CardKey = keyof typeof en;

const WORDS: Record<Language, Record<CardKey, string>> = {
  en,
  ja: {
    "card.start": "カードを入力",
    "card.save": "カードを登録",
    "card.saving": "カードを登録しています…",
    "card.saved": "カードを登録しました。ご注文の確定時に請求されます。",
    "card.moto": "お客様が読み上げるカード情報をそのまま入力してください。メモは取らないでください。",
    "card.failed": "カードを登録できませんでした",
  },
  "zh-Hans": {
    "card.start": "输入银行卡",
    "card.save": "保存银行卡",
    "card.saving": "正在保存银行卡…",
    "card.saved": "银行卡已保存：下单时扣款。",
    "card.moto": "请按顾客口述输入卡号，切勿记录。",
    "card.failed": "无法保存银行卡",
  },
  "zh-Hant": {
    "card.start": "輸入信用卡",
    "card.save": "儲存信用卡",
    "card.saving": "正在儲存信用卡…",
    "card.saved": "信用卡已儲存：下單時扣款。",
    "card.moto": "請依顧客口述輸入卡號，切勿記錄。",
    "card.failed": "無法儲存信用卡",
  },
};

export const cardWords = (language: Language) => (key: CardKey) => WORDS[language][key];
