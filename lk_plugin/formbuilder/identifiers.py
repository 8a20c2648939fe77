"""Identifier checks used by the form field types: one implementation, in lk_plugin.validators."""

from lk_plugin import validators

digits = validators.digits_only
snils_ok = validators.is_valid_snils
inn_ok = validators.is_valid_inn
kpp_ok = validators.is_valid_kpp
kpp_normalize = validators.normalize_kpp
ogrn_ok = validators.is_valid_ogrn
ogrnip_ok = validators.is_valid_ogrnip
cadastral_ok = validators.is_valid_cadastral
phone_normalize = validators.normalize_phone
