import type { ModuleMessages } from "../i18n/messages";
const en = { "desk.x": "x" };
export const deskMessages: ModuleMessages<keyof typeof en> = { en, ja: en, "zh-Hans": en, "zh-Hant": en };
