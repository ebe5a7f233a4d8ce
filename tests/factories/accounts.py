"""Editor accounts in the groups the migrations create (Redaktion, Moderation) and
administrators (superusers)."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "Quartier-Konferenz-Leipzig-2006"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def group(user, create, name, **kwargs):
        if name:
            user.groups.add(Group.objects.get(name=name))
        if create:
            user.save()


class AdministratorFactory(UserFactory):
    is_superuser = True
    is_staff = True


def editor(**kwargs):
    return UserFactory(group="Redaktion", **kwargs)


def moderator(**kwargs):
    return UserFactory(group="Moderation", **kwargs)
