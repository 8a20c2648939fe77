"""A small same-site crawler for the authorization suite.

``crawl(client, seeds)`` walks every URL an actor can reach from the seed URLs and returns what it
found: GET URLs (pages, file links, exports) and forms (action, method, fields). What a response
yields comes from pluggable *collectors*: ``collect_html`` reads href/src/action/formaction of HTML
pages; ``collect_json`` reads JSON bodies (``url``/``*_url``/``href`` values that are site paths) so
the cabinet API can be crawled by adding its entry points to the seeds. Add a collector to
``COLLECTORS`` for any other format.
"""

import json
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

#: Never followed while crawling as the data owner: they end the session or are outside the cabinet.
SKIP_PREFIXES = ("/accounts/logout/", "/static/", "/media/", "/admin/", "/captcha/", "/__")
#: Only these parts of the site are crawled (the public CMS pages hold nobody's data).
FIELD_TAGS = ("input", "select", "textarea", "button")
SCOPE_PREFIXES = ("/lk/", "/accounts/", "/api/", "/documents/", "/outages/")


@dataclass(frozen=True)
class Form:
    action: str
    method: str
    fields: tuple = field(default=())  # ((name, value), …) as the page rendered them

    def data(self):
        return {name: value for name, value in self.fields if name != "csrfmiddlewaretoken"}


@dataclass
class CrawlResult:
    urls: dict = field(default_factory=dict)  # url -> status the crawling actor got
    forms: set = field(default_factory=set)
    found_on: dict = field(default_factory=dict)  # url -> the page that linked it


class _HTMLCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "formaction", "data-href", "data-url"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
            }
            self._form["fields"] = []
        elif (
            self._form is not None and tag in FIELD_TAGS and attrs.get("name") and attrs.get("type") != "file"
        ):
            self._form["fields"].append((attrs["name"], attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def collect_html(url, response):
    """Links and forms of an HTML page."""
    if "html" not in response.get("Content-Type", ""):
        return [], []
    parser = _HTMLCollector()
    parser.feed(response.content.decode(response.charset or "utf-8", "replace"))
    forms = [
        Form(urljoin(url, f["action"] or url), f["method"], tuple(f["fields"]))
        for f in parser.forms
        if f["action"] is not None
    ]
    return [urljoin(url, link) for link in parser.links], forms


def collect_json(url, response):
    """Site paths named by ``url``/``href``/``*_url`` keys anywhere in a JSON body (the cabinet API)."""
    if "json" not in response.get("Content-Type", ""):
        return [], []
    try:
        body = json.loads(response.content)
    except ValueError:
        return [], []
    links, stack = [], [body]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str) and (key in ("url", "href") or key.endswith("_url")):
                    links.append(urljoin(url, value))
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return links, []


API_PREFIX = "/api/lk/v1"
#: List endpoints whose items are also reached under another collection (drafts are applications).
API_ALIASES = {"/applications/": ("/drafts/",)}


def _api_templates():
    """GET path templates of the cabinet API with parameters, as (parent regex, template) pairs: the
    parent is the collection or object the last parameter belongs to (``/applications/`` for
    ``/applications/{id}/pdf/``, ``/applications/(\\d+)/`` for ``…/{id}/documents/{document_id}/``)."""
    from lk_plugin.api.main import api

    templates = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations or "{" not in path:
            continue
        relative = path[len(API_PREFIX) :]
        parent = relative[: relative.rindex("{")]
        nested = "}" in parent
        if nested:  # ids of the parent object's detail and sub-lists
            parent = parent[: parent.rindex("}") + 1] + "/"
        pattern = re.sub(r"\\\{\w+\\\}", r"(\\d+)", re.escape(parent))
        # A top-level object's id comes only from its own list.
        templates.append((re.compile("^" + pattern + ("" if nested else "$")), relative))
    return templates


def _ids(body):
    found, stack = set(), [body]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("id"), int):
                found.add(item["id"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def collect_api(url, response):
    """API objects: every ``id`` in a cabinet API response, put into each GET path template whose
    part before the last parameter matches the response's own path (``/applications/`` → its items'
    ``/applications/{id}/…``; ``/applications/5/`` → ``/applications/5/documents/{id}/``). Misses only
    cost a 404 during the owner's crawl; what the owner reaches is replayed by the others."""
    path = urlsplit(url).path
    if not path.startswith(API_PREFIX + "/") or "json" not in response.get("Content-Type", ""):
        return [], []
    try:
        ids = _ids(json.loads(response.content))
    except ValueError:
        return [], []
    relative = path[len(API_PREFIX) :]
    bases = [relative] + [
        relative.replace(k, alias, 1)
        for k, aliases in API_ALIASES.items()
        for alias in aliases
        if relative.startswith(k)
    ]
    links = []
    for prefix, template in _api_templates():
        for base in bases:
            match = prefix.match(base)
            if not match:
                continue
            filled = template
            for value in match.groups():
                filled = re.sub(r"\{\w+\}", value, filled, count=1)
            links += [API_PREFIX + re.sub(r"\{\w+\}", str(pk), filled, count=1) for pk in ids]
    return links, []


COLLECTORS = [collect_html, collect_json, collect_api]


def _local(url):
    """The path+query of a same-site URL, or None for another origin or scheme."""
    parts = urlsplit(urldefrag(url)[0])
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, seeds, *, collectors=None, limit=600, skip=SKIP_PREFIXES, scope=SCOPE_PREFIXES):
    collectors = collectors or COLLECTORS
    result = CrawlResult()
    queue = deque(seeds)
    while queue and len(result.urls) < limit:
        url = _local(queue.popleft())
        if url is None or url in result.urls or url.startswith(skip) or not url.startswith(scope):
            continue
        response = client.get(url)
        result.urls[url] = response.status_code
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append(urljoin(url, response["Location"]))
        if response.status_code != 200 or response.streaming:  # a file download: nothing to follow
            continue
        for collector in collectors:
            links, forms = collector(url, response)
            for form in forms:
                action = _local(form.action)
                if action and not action.startswith(skip):
                    result.forms.add(Form(action, form.method, form.fields))
            for link in links:
                local = _local(link)
                if local and local not in result.urls:
                    result.found_on.setdefault(local, url)
                    queue.append(local)
    return result
