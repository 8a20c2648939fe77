from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from lk_plugin.blocks import LK_PAGE_BLOCKS


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Текст заголовка")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Уровень 2"), ("h3", "Уровень 3")], default="h2", label="Уровень"
    )

    class Meta:
        icon = "title"
        label = "Заголовок"
        template = "cms_pages/blocks/heading.html"


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Заголовок")
    text = blocks.TextBlock(label="Текст", required=False)
    page = blocks.PageChooserBlock(label="Страница", required=False)

    class Meta:
        icon = "doc-full"
        label = "Карточка"


class CardsBlock(blocks.StructBlock):
    cards = blocks.ListBlock(CardBlock(), label="Карточки")

    class Meta:
        icon = "grip"
        label = "Карточки услуг"
        template = "cms_pages/blocks/cards.html"


BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", blocks.RichTextBlock(label="Текст", features=["bold", "italic", "link", "ol", "ul", "h3"])),
    ("image", ImageBlock(label="Изображение")),
    ("cards", CardsBlock()),
    *LK_PAGE_BLOCKS,
]
