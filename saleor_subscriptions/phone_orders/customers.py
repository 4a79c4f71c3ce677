"""Saleor customers for phone orders: found by e-mail, name or phone, or created with their kana."""

import dataclasses

from ..core.errors import InputError
from ..core.error_texts import error_text
from ..saleor.client import SaleorClient
from ..saleor.languages import saleor_language

PHONE_ORDER_KEY = "subscription.phone_order"  # private metadata: which phone order created the customer
KANA_KEYS = {"first_name_kana": "subscription.first_name_kana", "last_name_kana": "subscription.last_name_kana"}


@dataclasses.dataclass(frozen=True)
class NewCustomer:
    email: str
    first_name: str
    last_name: str
    language: str
    phone: str = ""
    first_name_kana: str = ""
    last_name_kana: str = ""


def phone_of(user: dict) -> str:
    return ((user.get("defaultShippingAddress") or {}).get("phone") or (user.get("defaultBillingAddress") or {}).get("phone")
            or "")


def search(installation, text: str, first: int = 10) -> list[dict]:
    client = SaleorClient.for_installation(installation)
    edges = client.execute("StaffCustomers", {"search": text.strip(), "first": max(1, min(first, 50))})["customers"]["edges"]
    return [edge["node"] for edge in edges]


def existing(client: SaleorClient, customer_id: str) -> dict:
    user = client.execute("Customer", {"id": customer_id})["user"]
    if user is None:
        raise InputError("customerId", "not_found", f"no customer {customer_id} in this Saleor")
    return user


def create(client: SaleorClient, customer: NewCustomer, address: dict | None, key: str) -> dict:
    """The customer, made once for the phone order `key`: a retry after a lost answer finds the one it made."""
    found = client.execute("StaffCustomers", {"search": customer.email, "first": 5})["customers"]["edges"]
    for user in (edge["node"] for edge in found):
        if user["email"].lower() == customer.email.lower():
            if {item["key"]: item["value"] for item in user["privateMetadata"]}.get(PHONE_ORDER_KEY) == key:
                return user
            raise InputError("newCustomer.email", "customer_exists", "a customer with this e-mail exists",
                             words="customer_exists")
    private = [{"key": PHONE_ORDER_KEY, "value": key}] + [
        {"key": saleor_key, "value": getattr(customer, ours)} for ours, saleor_key in KANA_KEYS.items() if getattr(customer, ours)]
    created = client.execute("CustomerCreate", {"input": {
        "email": customer.email, "firstName": customer.first_name, "lastName": customer.last_name,
        "languageCode": saleor_language(customer.language), "isActive": True, "privateMetadata": private,
        "defaultShippingAddress": address, "defaultBillingAddress": address,
    }})
    return created["customerCreate"]["user"]


def required(value: str, field: str) -> str:
    if not (value or "").strip():
        raise InputError(field, "required", error_text("required"))
    return value.strip()
