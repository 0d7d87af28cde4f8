"""Interface strings (labels, navigation) per language, by primary language subtag.

Pages are labelled in the site's primary language; a language missing here falls back to
English. Add a language by adding a dict with the same keys.
"""

from __future__ import annotations

import datetime as dt

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "reading_mode": "Reading mode", "mode_both": "Side by side",
        "mode_interleaved": "Paragraph by paragraph", "search": "Search",
        "search_label": "Search titles, abstracts, authors, tags and arXiv ids",
        "search_button": "Search", "search_needs_js": "Search needs JavaScript.",
        "search_none": "No papers match “{query}”.",
        "search_count": "{count} papers match “{query}”.",
        "search_count_one": "1 paper matches “{query}”.", "search_loading": "Searching…",
        "search_more": "More results",
        "citation": "Cite", "copy_bibtex": "Copy BibTeX", "download_bibtex": "Download .bib",
        "copied": "Copied", "papers_per_month": "Papers per month",
        "chart_summary": "{months} months from {first} to {last}; "
                         "most papers in {busiest} ({most}).",
        "keyboard_hint": "Keys ← and → go to the older and newer paper.",
        "papers": "Papers", "tags": "Tags", "archive": "Archive", "feed": "RSS feed",
        "skip": "Skip to content", "abstract": "Abstract", "authors": "Authors",
        "affiliation": "Affiliation", "date": "Date", "venue": "Published in",
        "translator": "Translation",
        "links": "Links", "page": "Paper page", "pdf": "PDF", "code": "Code",
        "project": "Project page",
        "data": "Data", "arxiv": "arXiv", "newer": "Newer", "older": "Older",
        "newer_paper": "Newer paper", "older_paper": "Older paper",
        "related": "Related papers", "editor_note": "Editor’s note",
        "page_of": "Page {page} of {pages}",
        "pagination": "Pages", "paper_navigation": "Newer and older papers",
        "count": "{count} papers", "count_one": "1 paper", "all_tags": "All tags",
        "tag_page": "Papers tagged “{tag}”", "month_page": "Papers of {month}",
        "not_found": "Page not found", "not_found_text": "There is no page at this address.",
        "home": "Back to the newest papers", "more_authors": "and {count} more", "et_al": "et al.",
        "site_nav": "Site", "no_papers": "No papers yet.", "languages": "Languages",
        "doi": "DOI", "awaiting_badge": "Translation coming",
        "awaiting_title_badge": "Title’s translation coming",
        "awaiting_note": "The translation of this paper is coming.",
        "stale_note": "This translation was made from an earlier version of the abstract.",
        "machine": "Machine translation ({model})", "machine_unknown": "Machine translation",
        "not_reviewed": "not reviewed", "reviewed_by": "reviewed by {name}",
        "machine_note": "Machine translation, not reviewed.", "comma": ", ", "colon": ": ",
        "semicolon": "; ", "title_by": "title: {who}",
    },
    "zh": {
        "reading_mode": "阅读方式", "mode_both": "双语对照", "mode_interleaved": "逐段对照",
        "search": "搜索", "search_label": "搜索标题、摘要、作者、标签和 arXiv 编号",
        "search_button": "搜索",
        "search_needs_js": "搜索需要 JavaScript。", "search_none": "没有与“{query}”匹配的论文。",
        "search_count": "{count} 篇论文与“{query}”匹配。",
        "search_count_one": "1 篇论文与“{query}”匹配。", "search_loading": "正在搜索…",
        "search_more": "更多结果",
        "citation": "引用", "copy_bibtex": "复制 BibTeX", "download_bibtex": "下载 .bib",
        "copied": "已复制", "papers_per_month": "每月论文数",
        "chart_summary": "从{first}到{last}共 {months} 个月；论文最多的是{busiest}（{most} 篇）。",
        "keyboard_hint": "按 ← 和 → 键前往较早和较新的论文。",
        "papers": "论文", "tags": "标签", "archive": "归档", "feed": "RSS 订阅",
        "skip": "跳到正文", "abstract": "摘要", "authors": "作者", "affiliation": "机构",
        "date": "日期", "venue": "发表于", "translator": "译者", "links": "链接",
        "page": "论文页面", "pdf": "PDF", "code": "代码",
        "project": "项目主页", "data": "数据", "arxiv": "arXiv", "newer": "较新",
        "older": "较早", "newer_paper": "较新的论文", "older_paper": "较早的论文",
        "related": "相关论文", "editor_note": "编者按",
        "page_of": "第 {page} 页，共 {pages} 页", "pagination": "分页",
        "paper_navigation": "较新和较早的论文", "count": "{count} 篇论文",
        "count_one": "1 篇论文", "all_tags": "全部标签", "tag_page": "标签“{tag}”下的论文",
        "month_page": "{month}的论文", "not_found": "页面不存在",
        "not_found_text": "这个地址没有页面。", "home": "返回最新论文",
        "more_authors": "等另外 {count} 位", "et_al": "等", "site_nav": "网站",
        "no_papers": "还没有论文。", "languages": "语言", "doi": "DOI",
        "awaiting_badge": "译文即将推出", "awaiting_title_badge": "标题译文即将推出",
        "awaiting_note": "本文的译文即将推出。",
        "stale_note": "此译文依据摘要的较早版本译出，原文此后有改动。",
        "machine": "机器翻译（{model}）", "machine_unknown": "机器翻译", "not_reviewed": "未经审校",
        "reviewed_by": "经{name}审校", "machine_note": "机器翻译，未经人工审校。", "comma": "，",
        "colon": "：", "semicolon": "；", "title_by": "标题：{who}",
    },
    "ar": {
        "reading_mode": "طريقة القراءة", "mode_both": "جنبًا إلى جنب",
        "mode_interleaved": "فقرة بفقرة", "search": "بحث",
        "search_label": "ابحث في العناوين والملخصات والمؤلفين والوسوم ومعرّفات arXiv",
        "search_button": "بحث",
        "search_needs_js": "يحتاج البحث إلى JavaScript.",
        "search_none": "لا أوراق تطابق «{query}».", "search_count": "{count} ورقة تطابق «{query}».",
        "search_count_one": "ورقة واحدة تطابق «{query}».", "search_loading": "جارٍ البحث…",
        "search_more": "مزيد من النتائج",
        "citation": "الاستشهاد", "copy_bibtex": "انسخ BibTeX", "download_bibtex": "نزّل ملف ‎.bib",
        "copied": "نُسخ", "papers_per_month": "الأوراق في كل شهر",
        "chart_summary": "{months} شهرًا من {first} إلى {last}؛ أكثرها أوراقًا {busiest} ({most}).",
        "keyboard_hint": "المفتاحان ← و→ ينقلان إلى الورقة الأقدم والأحدث.",
        "papers": "الأوراق", "tags": "الوسوم", "archive": "الأرشيف", "feed": "موجز RSS",
        "skip": "انتقل إلى المحتوى", "abstract": "الملخص", "authors": "المؤلفون",
        "affiliation": "الجهة", "date": "التاريخ", "venue": "نُشرت في",
        "translator": "الترجمة",
        "links": "روابط", "page": "صفحة الورقة", "pdf": "PDF", "code": "الشيفرة",
        "project": "صفحة المشروع",
        "data": "البيانات", "arxiv": "arXiv", "newer": "الأحدث", "older": "الأقدم",
        "newer_paper": "الورقة الأحدث", "older_paper": "الورقة الأقدم",
        "related": "أوراق ذات صلة", "editor_note": "ملاحظة المحرر",
        "page_of": "الصفحة {page} من {pages}",
        "pagination": "الصفحات", "paper_navigation": "الأوراق الأحدث والأقدم",
        "count": "{count} ورقة", "count_one": "ورقة واحدة", "all_tags": "كل الوسوم",
        "tag_page": "أوراق بوسم «{tag}»", "month_page": "أوراق {month}",
        "not_found": "الصفحة غير موجودة", "not_found_text": "لا توجد صفحة في هذا العنوان.",
        "home": "العودة إلى أحدث الأوراق", "more_authors": "و{count} آخرون", "et_al": "وآخرون",
        "site_nav": "الموقع", "no_papers": "لا أوراق بعد.", "languages": "اللغات",
        "doi": "DOI", "awaiting_badge": "الترجمة قادمة",
        "awaiting_title_badge": "ترجمة العنوان قادمة",
        "awaiting_note": "ستُتاح ترجمة هذه الورقة قريبًا.",
        "stale_note": "تُرجم هذا النص عن نسخة سابقة من الملخص.",
        "machine": "ترجمة آلية ({model})", "machine_unknown": "ترجمة آلية",
        "not_reviewed": "لم تُراجَع", "reviewed_by": "راجعها {name}",
        "machine_note": "ترجمة آلية لم يراجعها أحد.", "comma": "، ", "colon": ": ",
        "semicolon": "؛ ", "title_by": "العنوان: {who}",
    },
}

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def primary_subtag(code: str) -> str:
    """The language of a BCP 47 code, without its script or region: zh-Hans → zh. (Here,
    where a build with nothing to do can use it without loading `bitext.config`.)"""
    return code.split("-")[0].lower()


def strings_for(code: str) -> dict[str, str]:
    return STRINGS.get(primary_subtag(code), STRINGS["en"])


def long_date(date: dt.date, code: str) -> str:
    """A date as a reader of that language writes it; ISO form where we know no better."""
    language = primary_subtag(code)
    if language == "en":
        return f"{MONTHS_EN[date.month - 1]} {date.day}, {date.year}"
    if language in ("zh", "ja"):
        return f"{date.year}年{date.month}月{date.day}日"
    return date.isoformat()


def long_month(date: dt.date, code: str) -> str:
    language = primary_subtag(code)
    if language == "en":
        return f"{MONTHS_EN[date.month - 1]} {date.year}"
    if language in ("zh", "ja"):
        return f"{date.year}年{date.month}月"
    return f"{date:%Y-%m}"
