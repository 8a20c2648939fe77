"""The technological connection after the application (ПП РФ №861): stages, invoices, payment, acts.

Optional feature app (label ``lk_connection``) on top of ``lk_plugin.applications``.
"""
