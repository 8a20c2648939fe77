"""Demo: the «Специалисты» group can process applications and appeals in the admin."""

from lk_plugin.core.permissions import grant_staff_permissions


def load(ctx):
    group = grant_staff_permissions()
    ctx.users["staff"].groups.add(group)
    ctx.say("Специалисты: заявки и обращения — в меню «Личный кабинет» админки /admin/")
