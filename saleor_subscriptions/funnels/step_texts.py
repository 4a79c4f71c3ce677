"""A step's subject and body as the marketer wrote them: Jinja2 in a sandbox, naming the buyer and the offer.

Every step is rendered with the sample buyer when it is saved, so a step that fails to render is refused
then (with the template's error and line), never at sending time.
"""

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError

from ..core.error_texts import error_text
from ..core.errors import InputError
from ..mail.templates import ShopSandbox

PARTS = ("subject", "body")
# what a marketer's text needs; nothing that makes a huge string or loops (a text is rendered at each save and preview)
FILTERS = ("default", "lower", "upper", "title", "capitalize", "trim", "replace", "string")

ENVIRONMENT = ShopSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
ENVIRONMENT.filters = {name: ENVIRONMENT.filters[name] for name in FILTERS}
ENVIRONMENT.globals = {}


def _line(exc: TemplateError) -> int:
    """The template line at fault: a syntax error knows it, a runtime error's traceback names the template's frame."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    line, frame = 1, exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == "<template>":
            line = frame.tb_lineno
        frame = frame.tb_next
    return line


def render_texts(texts: dict, context: dict, field: str = "") -> dict:
    """`texts` ({subject, body}) rendered with `context`; a part that fails is an InputError at `field`.subject/body."""
    rendered = {}
    for part in PARTS:
        try:
            rendered[part] = ENVIRONMENT.from_string(texts[part]).render(context)
        except TemplateError as exc:
            raise InputError(f"{field}{part}", "template", error_text(
                "step_template", line=_line(exc), error=exc.message or type(exc).__name__)) from None
    return rendered


def text_context(customer_name: str, percent_off, voucher_code: str) -> dict:
    """What a step's text may name: `customer.name`, `offer.percent_off`, `offer.voucher_code`."""
    percent = "" if percent_off is None else f"{percent_off.normalize():f}"
    return {"customer": {"name": customer_name}, "offer": {"percent_off": percent, "voucher_code": voucher_code}}

