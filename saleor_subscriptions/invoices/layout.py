"""An invoice as an A4 PDF (fpdf2), its text set in an embedded CJK font so every PDF reader shows it."""

import functools
import logging
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTCollection
from fpdf import FPDF, FontFace
from fpdf.enums import WrapMode, XPos, YPos

from ..core.dates import format_day
from ..core.money import format_money
from .gathering import Invoice
from .texts import CHAINS, TEXTS

FONT = "cjk"
# The regional design a language's readers expect, for font collections (Noto Sans CJK JP / SC / TC).
REGIONS = {"ja": "JP", "en": "JP", "zh-hans": "SC", "zh-hant": "TC"}
WIDTH = 180  # mm between the A4 margins of 15 mm
GREY = (110, 110, 110)
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)  # it logs every glyph kept at INFO


class FontMissing(Exception):
    """The configured font (INVOICE_FONT) is not there: no invoice can be printed."""


@functools.cache
def _collection_index(path: Path, region: str) -> int:
    """In a font collection, the face made for `region` (e.g. "Noto Sans CJK SC"); 0 for a single font or no match."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    faces = TTCollection(str(path), lazy=True).fonts
    names = [face["name"].getDebugName(1) or "" for face in faces]
    return next((index for index, name in enumerate(names) if name.split()[-1:] == [region]), 0)


def _font(language: str) -> tuple[str, int]:
    path = Path(settings.INVOICE_FONT)
    if not path.is_file():
        raise FontMissing(f"INVOICE_FONT: no font at {path}; install Debian's fonts-noto-cjk, or set INVOICE_FONT to a "
                          "TTF/OTF/TTC with Japanese and Chinese glyphs")
    return str(path), _collection_index(path, REGIONS.get(language, "JP"))


class _Sheet(FPDF):
    def __init__(self, language: str):
        super().__init__(format="A4")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=15)
        path, index = _font(language)
        self.add_font(FONT, fname=path, collection_font_number=index)
        self.set_lang(language)
        # Japanese and Chinese wrap between any two characters; English between words
        self.wrap = WrapMode.WORD if language == "en" else WrapMode.CHAR
        self.add_page()

    def text_at(self, size: float, text: str, *, width: float = 0, align: str = "L", height: float | None = None,
                colour=(0, 0, 0)) -> None:
        """A paragraph, wrapped as the language wraps (a word too long for the line is cut anyway)."""
        self.set_font(FONT, size=size)
        self.set_text_color(*colour)
        self.multi_cell(width, height or size * 0.5, text, align=align, wrapmode=self.wrap,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)

    def heading(self, text: str) -> None:
        self.ln(4)
        self.text_at(11, text)
        self.line(self.l_margin, self.get_y(), self.l_margin + WIDTH, self.get_y())
        self.ln(1.5)


def render(invoice: Invoice) -> bytes:
    """The invoice as PDF bytes (raises FontMissing)."""
    language = invoice.language
    text = TEXTS.get(language, TEXTS["en"])
    chains = CHAINS.get(language, CHAINS["en"])

    def money(amount) -> str:
        return format_money(amount, invoice.currency, language)

    def rate(value) -> str:
        return f"{value}%"

    pdf = _Sheet(language)
    pdf.set_title(f"{text['title']} {invoice.order_number}")
    pdf.set_author(invoice.shop_name)
    pdf.text_at(22, text["title"], align="C", height=12)
    pdf.ln(4)

    top = pdf.get_y()
    for line in invoice.customer_address:  # left: the customer, as on an envelope
        pdf.text_at(10, line, width=95)
    pdf.text_at(13, text["dear"].format(name=invoice.customer_name), width=95, height=8)
    left_bottom = pdf.get_y()
    pdf.set_xy(115, top)  # right: the order, then who sends the invoice
    for label, value in ((text["order"], invoice.order_number), (text["issued"], format_day(invoice.issued_on, language)),
                         (text["delivery"], text["delivery_n"].format(cycle=invoice.cycle))):
        pdf.set_x(115)
        pdf.set_font(FONT, size=9)
        pdf.cell(28, 5, label)
        pdf.cell(52, 5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for size, line in ((11, invoice.shop_name), *((9, part) for part in invoice.shop_address.splitlines()),
                       (9, invoice.shop_email),
                       (9, text["registration"].format(number=invoice.shop_registration) if invoice.shop_registration else "")):
        if line:
            pdf.set_x(115)
            pdf.text_at(size, line, width=80)
    pdf.set_y(max(left_bottom, pdf.get_y()) + 4)

    pdf.text_at(10, text["intro"])
    pdf.ln(2)
    pdf.set_font(FONT, size=14)
    pdf.set_fill_color(238, 238, 238)
    pdf.cell(70, 12, " " + text["amount_due"], border=1, fill=True)
    pdf.cell(60, 12, money(invoice.total) + " ", border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_fill_color(255, 255, 255)

    pdf.ln(5)
    pdf.set_font(FONT, size=9)
    with pdf.table(col_widths=(92, 16, 28, 16, 28), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                   line_height=6, headings_style=FontFace(fill_color=(238, 238, 238)), wrapmode=pdf.wrap) as table:
        table.row([text["item"], text["quantity"], text["unit"], text["rate"], text["line_total"]])
        for line in invoice.lines:
            table.row([line.name, str(line.quantity), money(line.unit), rate(line.tax_rate), money(line.total)])
        if invoice.shipping:
            table.row([text["shipping"], "", "", rate(invoice.shipping_tax_rate), money(invoice.shipping)])
    pdf.ln(1)
    pdf.set_font(FONT, size=11)
    pdf.cell(WIDTH - 40, 7, text["total"], align="R")
    pdf.cell(40, 7, money(invoice.total), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for group in invoice.tax_groups:  # 税率ごとの対象額と消費税額, as a Japanese invoice must show them
        pdf.text_at(9, text["tax_group"].format(rate=group.rate, amount=money(group.amount), tax=money(group.tax)),
                    align="R", colour=GREY)

    pdf.heading(invoice.how_to_pay.format(deadline=_deadline(invoice) if invoice.deadline else ""))
    if invoice.stores:
        pdf.set_font(FONT, size=9)
        with pdf.table(col_widths=(50, 40, 40, 50), line_height=6, wrapmode=pdf.wrap,
                       headings_style=FontFace(fill_color=(238, 238, 238))) as table:
            table.row([text["store"], text["payment_code"], text["confirmation"], text["deadline"]])
            for store in invoice.stores:
                table.row([chains.get(store.chain, store.chain), store.payment_code, store.confirmation_number,
                           _deadline(invoice)])
        if invoice.voucher_url:
            pdf.ln(1)
            pdf.text_at(8, f"{text['voucher']}: {invoice.voucher_url}", colour=GREY)
    if invoice.bank:
        pdf.text_at(10, invoice.bank)

    if invoice.message:
        pdf.heading(text["message"])
        pdf.text_at(10, invoice.message)
    return bytes(pdf.output())


def _deadline(invoice: Invoice) -> str:
    return f"{format_day(invoice.deadline.date(), invoice.language)} {invoice.deadline:%H:%M}"
