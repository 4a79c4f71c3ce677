"""The delivery address form: Japanese fields, checked and written as subscriptions keep addresses (Saleor's shape)."""

import re

# Japan's prefectures, as an address names them (Saleor normalises them to its own form).
PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
    "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
    "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)
ADDRESS_FIELDS = {"last_name": "lastName", "first_name": "firstName", "postal_code": "postalCode",
                  "prefecture": "countryArea", "city": "city", "street1": "streetAddress1", "street2": "streetAddress2",
                  "phone": "phone"}
JP_POSTAL_CODE = re.compile(r"^(\d{3})-?(\d{4})$")


def _jp_phone(value: str) -> str | None:
    """A Japanese phone number as Saleor stores it (+81…), or None."""
    digits = re.sub(r"[\s()\-ー－]", "", value).translate(str.maketrans("０１２３４５６７８９＋", "0123456789+"))
    if digits.startswith("+81"):
        digits = "0" + digits[3:]
    return "+81" + digits[1:] if re.fullmatch(r"0\d{9,10}", digits) else None


def clean_address(values: dict, country: str, text: dict) -> tuple[dict, dict]:
    """The form's address as subscriptions keep it (Saleor's shape), and the errors per field."""
    values = {name: (values.get(name) or "").strip()[:256] for name in ADDRESS_FIELDS}
    errors = {name: text["field_required"] for name in ADDRESS_FIELDS
              if name != "street2" and not values[name] and (name != "prefecture" or country == "JP")}
    postal, phone = values["postal_code"], values["phone"]
    if country == "JP":
        postal = postal.translate(str.maketrans("０１２３４５６７８９－ー", "0123456789--"))
        match = JP_POSTAL_CODE.match(postal)
        if postal and not match:
            errors["postal_code"] = text["postal_code_invalid"]
        postal = f"{match.group(1)}-{match.group(2)}" if match else postal
        if values["prefecture"] and values["prefecture"] not in PREFECTURES:
            errors["prefecture"] = text["field_required"]
        if phone:
            phone = _jp_phone(phone) or ""
            if not phone:
                errors["phone"] = text["phone_invalid"]
    address = {saleor: values[name] for name, saleor in ADDRESS_FIELDS.items()}
    address.update(postalCode=postal, phone=phone, companyName="", cityArea="", country={"code": country})
    return address, errors
