"""Every GraphQL type of the API has a name of its own: graphene lets a second class of the same name silently take
the first one's place in the schema (a staff payload would answer with another area's fields and error codes)."""

import graphene

from saleor_subscriptions.api import schema  # noqa: F401  (imports every type)


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def test_no_two_types_share_a_name():
    seen = {}
    for base in (graphene.ObjectType, graphene.InputObjectType, graphene.Enum, graphene.Interface, graphene.Union):
        for cls in subclasses(base):
            if cls.__module__.startswith("saleor_subscriptions."):
                first = seen.setdefault(cls._meta.name, cls)
                assert first is cls, f"{cls._meta.name}: {first.__module__}.{first.__qualname__} and {cls.__module__}.{cls.__qualname__}"
