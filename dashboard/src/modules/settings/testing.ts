/** The shop settings as the API answers them, for the module's tests. */
export const SHOP = {
  timeZone: "Asia/Tokyo", defaultLanguage: "ja", changeCutoffDays: 7, orderLeadDays: 0, renewalWindowStartHour: 9,
  renewalWindowHours: 6, closedWeekdays: [6], closedDays: [{ date: "2027-05-03", reason: "憲法記念日" }, { date: "2027-01-01", reason: "" }],
  retryOffsetsDays: [7, 14], afterLastRetry: "cancel", renewalOrders: "draft", senderName: "緑茶本舗", senderAddress: "東京都千代田区",
  senderEmail: "", merchantEmail: "", invoiceRegistrationNumber: "", merchantNotifications: "daily", reminderDays: 3, offerCooldownDays: 180,
  cancellationMethod: [{ language: "ja", text: "マイページ" }], bankTransferDetails: [], invoiceMessage: [],
  paymentMethods: [{ channel: "jp", methods: ["card", "cod"] }], bankTransferViaStripe: [] as string[],
};

/** The shop's Saleor channels (`shopSettings.channels`). */
export const CHANNELS = [
  { slug: "jp", name: "日本", currency: "JPY" }, { slug: "us", name: "United States", currency: "USD" },
  { slug: "tw", name: "台灣", currency: "TWD" },
];
