from lk_plugin.app_settings import app_settings


def lk(request):
    return {
        "lk_utility_name": app_settings.UTILITY_NAME,
        "lk_utility_phone": app_settings.UTILITY_PHONE,
        "lk_base_template": app_settings.BASE_TEMPLATE,
    }
