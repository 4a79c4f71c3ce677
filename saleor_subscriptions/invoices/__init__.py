"""Printable invoices (請求書) for renewal orders paid after delivery: cash on delivery, konbini, bank transfer, and
any plug-in method with `invoice_texts`.

`gathering` collects what the invoice says (the order as Saleor taxed it, the payment numbers, the shop),
`layout` prints it as an A4 PDF with an embedded CJK font, `links` signs the customers' and staff's links to it.
"""
