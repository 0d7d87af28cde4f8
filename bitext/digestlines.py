"""The lines of a plain-text digest, each read for what it is before the entries are:
its language (the share of it in the secondary language's script), or a line of links,
of a date, of a label, a Markdown heading. `bitext.digest` then makes the entries of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from bitext.checks import FAILED_TRANSLATION
from bitext.inline_html import has_html, html_as_markdown
from bitext.scripts import (
    HAN_RUN,
    LETTER_RUN,
    PRIMARY_MAX,
    SECONDARY_MIN,
    script_of_language,
    script_share,
)

# A title and its translation on one line: "Qwen3 Technical Report | Qwen3 技术报告", "… / …",
# "… // …", "… — …", "… <br> …" (a table's cell), "…\t…" (a spreadsheet's two cells),
# "Qwen3 Technical Report（Qwen3 技术报告）", "…【…】", "…「…」", "…《…》". (Not at a
# full-width colon, nor after a bold part: a translated title alone often starts with a
# name so, "ProRL：延长强化学习…", "**GPT-4o** 与…".)
# (one group of the partings around which spaces may stand, one of those that need them:
# alternatives that each start with "\s*" tried every one at every character)
TITLE_PAIR_SEPARATOR = re.compile(r"\s*(?:[|｜／\t]|——|<br\s*/?>)\s*|\s+(?://?|[-–—]{1,2})\s+")
# The fewest words of a title in brackets after its translation (see `title_pair`), words
# of two letters or more: "（p < 0.05）" ends a translated abstract's sentence.
REVERSED_TITLE_WORDS = 3
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
TRAILING_TRANSLATION = re.compile(
    r"\s*(?:[(（](?P<round>[^()（）]+)[)）]|【(?P<lenticular>[^【】]+)】|「(?P<corner>[^「」]+)」"
    r"|『(?P<white_corner>[^『』]+)』|《(?P<angle>[^《》]+)》)\s*$")
# One link of a line of links: a web address or an arXiv id, perhaps after a label ending
# in a colon (a few words, no sentence: "We study it. Code: https://…" is an abstract, and
# so is "我们发布了代码和数据：https://…", whose words no space parts: a Chinese label is
# a few characters, "论文链接", "开源代码"), then perhaps a separator before the next.
LABEL_WORDS_MAX = 4
LABEL_HAN_MAX = 6
# (An address may come without its scheme after a label, as a post that could not link it
# writes it: "链接：arxiv.org/abs/2505.09388", a host's name and a path; alone on its line,
# such a text may be the end of an address wrapped after its hyphen, "https://alphaone-" /
# "project.github.io/", as arXiv's abstracts wrap.)
LINK_ITEM = re.compile(
    r"\s*(?:(?P<label>[^\s:：|.。!?！？,，;；][^:：|.。!?！？,，;；]{0,29}?)\s*[:：]\s*)?"
    r"(?:(?P<url>https?://[^\s|<>\"]+)|(?P<doi>10\.\d{4,9}/[^\s|<>\"]+)"
    r"|(?P<schemeless>(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}"
    r"/[^\s|<>\"]*)|(?P<arxiv>\d{4}\.\d{4,5}(?:v\d+)?))"
    r"\s*[|·•,;，；、]?")
URL_TRAILER = ".,;:!?)]}>。，；：！？）】」'"
# What a label of `LINK_ITEM` cannot hold.
NO_LABEL = re.compile(r"[:：|.。!?！？,，;；]")
# The line that starts an entry of arXiv's listings (arxiv.org/list/…): its number, its id,
# perhaps whence it is cross-listed, and the formats it comes in.
ARXIV_LISTING = re.compile(r"\[\d+\]\s*arXiv:(?P<arxiv>\d{4}\.\d{4,5}(?:v\d+)?)"
                           r"(?:\s*\([\w -]+ from [^)]*\))?(?:\s*\[[\w ,.-]*\])?")
# An arXiv id named so, as arXiv cites a paper: "arXiv 2505.09388", "arXiv:2505.09388v2
# [cs.CL]".
ARXIV_CITED = re.compile(r"arxiv\s*[:：]?\s*(?P<arxiv>\d{4}\.\d{4,5}(?:v\d+)?)"
                         r"(?:\s*\[[\w.-]+\])?", re.IGNORECASE)
# The brackets that may hold a line of links as a whole.
BRACKETS = {"[": "]", "(": ")", "<": ">", "（": "）"}
# An address in angle brackets, as Markdown writes one to link it: "<https://…>".
AUTOLINK = re.compile(r"<(?P<url>https?://[^\s<>]+)>")
# A letter or a digit: a line without one ("---", "* * *", "~~~") is a rule between
# entries, which parts them as a blank line does.
WORD_CHARACTER = re.compile(r"[^\W_]")
# The bullet of a list item before a line ("- ", "* ", "• ").
BULLET_MARK = r"[-*•+·]\s+"
BULLET = re.compile(BULLET_MARK + r"(?=\S)")
# A number in Chinese numerals, as a Chinese document numbers its parts: 一, 十二, 二十.
CHINESE_NUMERAL = "[一二三四五六七八九十]{1,3}"
# An entry's number before the label of its title: "1. Title: …", "【2】标题：…", "三、标题：…".
NUMBER_BEFORE_LABEL = re.compile(r"(?:#?\d{1,4}\\?[.)、．]|[(（【\[]\d{1,4}[)）】\]]"
                                 rf"|{CHINESE_NUMERAL}、|[(（]{CHINESE_NUMERAL}[)）])\s*(?=\S)")
# A line of an entry's number alone, as a WeChat post numbers its papers, one above each
# ("01", "1.", "#3", "No.2", "【4】", "(5)", "6/10"): no title, a gap between entries.
NUMBER_ALONE = re.compile(r"(?:#|No\.?\s?)?\d{1,3}(?:\\?[.)]|[、．])?"
                          r"|[(（【\[]\d{1,3}(?:/\d{1,3})?[)）】\]]|\d{1,3}/\d{1,3}")
# Markdown: the marks of a heading ("## "), a line in bold as a whole ("**…**").
HEADING = re.compile(r"#{1,6}\s+")
# The end of a sentence at a line's end, and between two sentences in a line (see
# `is_prose`).
SENTENCE_END = re.compile(r"[.!?。！？…](?:[\"'”’)）」』】\]]*)$")
SENTENCE_BREAK = re.compile(r"[.!?](?:[\"'”’)\]]*)\s+\S|[。！？]\S")
# The longest line of a list that goes on from a labelled line (see `carries_on_field`).
LIST_LINE_MAX = 200
# What joins the symbols of one emoji or follows them: a variation selector, the zero-width
# joiner, the keycap mark, space (see `without_pictographs`).
PICTOGRAPH_JOINERS = "\ufe0e\ufe0f\u200d\u20e3 \t"
KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")
# Bold or italics that open a line, before its first character ("**📄 Title**").
EMPHASIS_OPENING = re.compile(r"(?:\*\*|__|\*|_)(?=\S)")
BOLD_LINE = re.compile(r"(\*\*|__)(?P<text>[^*_].*?)\1")
# A line in italics as a whole ("*Alice Smith, Bob Lee*", as daily-arXiv-ai-enhanced gives
# the authors), with no other mark of its kind inside.
ITALIC_LINE = re.compile(r"\*(?P<text>[^*\s][^*]*)\*|_(?P<underscored>[^_\s][^_]*)_")
# The text of a link that is an address, with its scheme or a path ("huggingface.co/papers/
# 2505.09388"; "Agent.AI" may be a title).
ADDRESS_TEXT = re.compile(r"https?://\S+|(?:[\w-]+\.)+[A-Za-z]{2,}/\S+")
# A link written in Markdown, "[arXiv](https://arxiv.org/abs/2505.09388)".
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<url>https?://[^()\s]+)\)")
EMPTY_MARKDOWN_LINK = re.compile(r"\[[^\[\]]*\]\(\)")
# A Markdown link as lists of papers wrap it (see `plain_links`).
WRAPPED_LINK = re.compile(
    r"\[\[([^\[\]]+)\]\((https?://[^()\s]+)\)\]|\[\[([^\[\]]+)\]\]\((https?://[^()\s]+)\)"
    r"|\(\[([^\[\]]+)\]\((https?://[^()\s]+)\)\)|\*\*\[([^\[\]]+)\]\((https?://[^()\s]+)\)\*\*"
    r"|\[!\[([^\[\]]*)\]\([^()\s]*\)\]\((https?://[^()\s]+)\)")
# A title in bold or a heading's, before the links of a list of papers.
HEADING_OR_BOLD_TITLE = re.compile(r"(?:[-*+]\s+|#{1,6}\s+)?(?:\*\*[^*]+\*\*|__[^_]+__)")
# The texts of a Markdown link that name a kind of link, not a title: such a link alone
# on its line is a line of links (see `with_labelled_links`).
LINK_TEXT_WORDS = frozenset({
    "arxiv", "pdf", "paper", "abs", "html", "code", "github", "project", "project page",
    "page", "website", "homepage", "demo", "data", "dataset", "hf", "hugging face",
    "huggingface", "model", "models", "weights", "doi", "link", "论文", "代码", "源码", "项目",
    "主页", "项目主页", "数据", "数据集", "链接", "原文", "原文链接", "论文链接", "代码链接",
    "arxiv id", "下载链接", "代码仓库", "paper page", "论文页面", "openreview", "pubmed",
    "acl anthology"})
# Labels of a line of links that name no kind ("Links: [arXiv](…) | [Code](…)").
LINKS_WORDS = frozenset({"links", "resources", "相关链接", "资源"})
# How labels that say what they lead to end, whatever they say before: "论文地址",
# "代码仓库", "开源地址", "Paper link", "Code URL" (see `names_links`).
LINK_LABEL_ENDINGS = ("链接", "地址", "网址", "主页", "页面", "仓库")
LINK_LABEL_LAST_WORDS = frozenset({"link", "links", "url", "urls", "address"})
# What parts the links of a line of links ("[arXiv](…) | [Code](…)", "· ", ", ").
LINK_SEPARATORS = " \t|·•,;，；、/"
# A label in bold or italics before an address, "**Code:** https://…", "*PDF*: …" (at the
# line's start or after a separator: a URL's "__init__" is none).
EMPHASIZED_LABEL = re.compile(r"(?:^|(?<=[\s|·•,;，；、]))(\*\*|__|\*|_)(?P<label>[^\s*_:：]"
                              r"[^*_:：]{0,29}?)\s*(?P<colon>[:：]?)\s*\1")
# The field of "备注", which its line's language settles (see `FIELD_OF_LABEL`).
NOTE_OR_COMMENTS = "note or comments"
# The end of a list of authors cut short: "et al.", "…", "等" ("and others"): not a name
# (it would be the paper's last author in its citation meta tags and JSON-LD).
MORE_AUTHORS = re.compile(r"(?:[,;，；、]?\s*(?:et\s+al\b\.?|\.\.\.|…)|等人?)\s*$",
                          re.IGNORECASE)
AUTHOR_SEPARATOR = re.compile(r"\s*[,;，；、]\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
# The marks after an author's name that tie it to an affiliation or a note, as a paper's
# first page gives them and a copy of it keeps them ("An Yang¹", "Baosong Yang¹˒²", "Jingren
# Zhou*†", "An Yang^1", "Anfeng Li$^{1,2}$", "杨安1"): no part of the name. (No person's
# name ends with a digit; a mark of two affiliations parted by a comma, "Yang1,2", leaves a
# piece of marks alone, which is no name either.)
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹˒"
NOTE_MARKS = "*†‡§¶#∗⋆✉✝"
CARET_MARK = re.compile(r"(?<!\\)\$?\^(?:\{[^{}$]*\}|[\w*†‡§¶#∗⋆]+)\$?")
AUTHOR_MARKS = re.compile(rf"[\d{SUPERSCRIPTS}{NOTE_MARKS}]+$")
# The same marks before each name of a line of affiliations ("¹Alibaba Group ²Tsinghua
# University", "^1 Alibaba, ^2 Tsinghua"), which part the names.
AFFILIATION_MARK = re.compile(rf"(?:^|[\s,;，；]+)(?:{CARET_MARK.pattern}|[{SUPERSCRIPTS}]+)\s*")
# The labels of a digest's lines, by the field they name: "Title:", "**摘要：**",
# "- Affiliation:", "【作者】".
FIELD_OF_LABEL = {label: field for field, labels in {
    "title": ("title", "paper", "paper title", "original title", "english title",
              "translated title", "chinese title", "论文", "标题", "题目", "论文标题",
              "论文题目", "论文名称", "英文标题", "中文标题", "英文题目", "中文题目", "原标题",
              "原文标题", "原始标题", "标题翻译", "译名",
              # (Japanese digests')
              "タイトル", "題名", "論文名", "論文タイトル", "和訳タイトル", "日本語タイトル"),
    "abstract": ("abstract", "summary", "paper abstract", "abstract note", "english abstract",
                 "translated abstract", "chinese abstract", "摘要", "论文摘要", "英文摘要",
                 "中文摘要", "原文摘要", "摘要翻译", "摘要原文", "摘要译文", "论文简介", "原文",
                 "概述", "论文概述", "文献概述",
                 "英文原文", "翻译", "中文翻译", "译文", "中文译文",
                 "要旨", "アブストラクト", "和訳", "日本語訳", "要旨の和訳"),
    "affiliation": ("affiliation", "affiliations", "institution", "organization",
                    "organisation", "机构", "单位", "作者单位", "团队", "所属"),
    "authors": ("author", "authors", "作者", "著者"),
    "tags": ("tags", "tag", "标签"),
    # (words for the tag rules to match, as arXiv's categories are: see `bitext.sources`)
    "keywords": ("keywords", "keyword", "key words", "categories", "category", "cate",
                 "subjects", "mesh terms", "manual tags", "automatic tags", "关键词", "关键字",
                 "main category", "primary category", "类别", "分类", "キーワード"),
    # Who translated the paper, or which model, and who reviewed the translation (the
    # fields of a paper file that say so).
    "translator": ("translator", "translated by", "译者", "翻译者", "翻訳者"),
    "translation_model": ("translation model", "翻译模型", "机翻模型"),
    "reviewed_by": ("reviewed by", "reviewer", "审校", "校对", "审校者"),
    # An editor's own words on a paper: its note (`::: note <language>` in its file).
    "note": ("note", "notes", "editor's note", "remarks", "tl;dr", "tldr", "highlights",
             "takeaways", "点评", "短评", "评论", "评语", "推荐理由", "一句话总结", "一句话点评",
             "亮点", "编者按"),
    # "备注" (remarks): an editor's note, or the authors' comments where a digest of arXiv
    # gives them under it, in English ("备注：12 pages, 5 figures"; see `read_lines`).
    NOTE_OR_COMMENTS: ("备注",),
    # The authors' comments, as arXiv lists them ("Comments: 12 pages, accepted at ICML"):
    # no editor's words, and no field of a paper file holds them.
    "comments": ("comment", "comments"),
    # Where the paper was published ("Venue: ICLR 2025", "会议：CVPR 2025"): its `venue`.
    "venue": ("venue", "conference", "journal", "published in", "会议", "期刊", "收录",
              "发表于"),
    # Counts and details that no field of a paper file holds either ("Upvotes: 128").
    "other": ("upvotes", "upvote", "votes", "likes", "stars", "github stars", "score",
              "rating", "submitted by", "submitter", "pages", "热度", "点赞", "点赞数",
              "星标", "评分", "提交者", "页数",
              # (the properties of a note-taking app's page of a paper, Notion's, Obsidian's:
              # "Status: Done", "Created: May 14, 2025 3:41 PM")
              "status", "reading status", "read status", "progress", "priority", "type",
              "created", "created time", "created at", "last edited", "last edited time",
              "updated", "date added", "状态", "阅读状态", "进度", "优先级", "类型", "创建时间",
              "更新时间", "添加时间"),
    # A model's readings of a paper beside its abstract, as daily-arXiv-ai-enhanced writes
    # them ("Motivation: …", "ai_Abstract: …"): no field holds them, and an entry that has
    # them has its TL;DR from the model too (see `bitext.digest.attached_to`).
    "readings": ("motivation", "method", "result", "conclusion", "ai_abstract",
                 # (a collapsed part of them, "<summary><b>🤖 AI 阅读分析</b></summary>", as
                 # arXiv fetchers' scripts fold a model's analysis of the paper)
                 "ai 阅读分析", "阅读分析", "ai 分析", "ai analysis", "ai 解读", "详细解读",
                 # (the parts of an analysis that Chinese digests write under each paper)
                 "核心贡献", "主要贡献", "创新点", "研究动机", "研究背景", "核心思想",
                 "方法概述", "实验结果", "主要结论", "局限性", "关键发现", "核心观点",
                 "技术方法", "实验验证", "contributions", "key contributions",
                 "main contributions", "key findings", "limitations"),
}.items() for label in labels}
# Traditional characters of the words that label a digest's lines, and their simplified
# forms, one for one: a digest from Taiwan or Hong Kong labels its lines "標題：", "摘要翻譯：",
# "機構：". A line is looked up in this form, of as many characters as it has, so that a
# label ends where it does in the line as written.
SIMPLIFIED_OF = str.maketrans(
    "標題論譯機構單團隊關鍵詞類別審對點評語薦話結總編會議發於錄備註熱讚數頁動實驗貢獻創觀見現術證簡稱讀"
    "詳細韓漢體閱學與際計門處華騰訊軟節網",
    "标题论译机构单团队关键词类别审对点评语荐话结总编会议发于录备注热赞数页动实验贡献创观见现术证简称读"
    "详细韩汉体阅学与际计门处华腾讯软节网")


def label_form(text: str) -> str:
    """A line as its labels are looked up: in simplified characters (see `SIMPLIFIED_OF`)."""
    return text.translate(SIMPLIFIED_OF)


# The labels of a title ("Paper: …", "论文：…"), which names no kind of link either.
TITLE_LABELS = frozenset(label for label, field in FIELD_OF_LABEL.items() if field == "title")
# The fields that say who or what translated a paper, and who reviewed the translation.
PROVENANCE_FIELDS = ("translator", "translation_model", "reviewed_by")
# The fields of lines that go with an entry as its lines of links do, outside the grammar
# of its title and abstract lines.
ATTACHED_FIELDS = frozenset({"authors", "tags", "keywords", "venue", "note", "comments",
                             "other", "readings", *PROVENANCE_FIELDS})
# Of those, the lines an entry may have any number of, and those left out of its file
# (which the import's report names).
REPEATED_FIELDS = frozenset({"note", "comments", "other", "readings"})
LEFT_OUT_FIELDS = frozenset({"comments", "other", "readings"})
# A line of counts alone, as digests copy them from the daily papers' pages ("👍 128",
# "⭐ 1.2k stars", "128 | 💬 12"): numbers, and these words at the most, the multipliers
# aside ("1.2k" alone is a number alone).
COUNT_WORDS = frozenset({"upvotes", "upvote", "votes", "likes", "stars", "star",
                         "comments", "赞", "星", "点赞", "评论"})
MULTIPLIERS = frozenset({"k", "m"})
# An arXiv id of today's form alone on its line (a year since 2015 and a month, a dot and
# five digits): no other number has that shape.
ARXIV_ID_ALONE = re.compile(r"(?P<id>(?:1[5-9]|[2-9]\d)(?:0[1-9]|1[0-2])\.\d{5})(?:v\d+)?")
COUNT_LINE_MAX = 40
# The label of the day a note app's page or a library's record says a paper was taken in,
# and a time of day after a date ("3:41 PM", "09:14:31").
ADDED_LABEL = re.compile(r"(?:created(?: time| at)?|date added|added on|创建时间|添加时间|收藏时间)"
                         r"\s*[:：]\s*", re.IGNORECASE)
TIME_OF_DAY = re.compile(r"[\sT]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*"
                         r"(?:[AP]M|Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)
# A badge that a newsletter sets over or under a paper's title ("🏆 Paper of the day",
# "🔥 热门", "【编辑推荐】", "**⭐ Editor's pick**"): no paper's text. Read so only where an
# emoji, brackets or bold mark it as one, as a title alone would not be ("New").
BADGE = re.compile(
    r"[\[【(（]?\s*(?:(?:paper|pick)s?\s+of\s+the\s+(?:day|week|month)|editor'?s'?\s+"
    r"(?:pick|choice)s?|(?:top|staff)\s+(?:pick|paper)s?|must[- ]reads?|hot|new|trending|"
    r"featured|highlight(?:ed)?|best\s+paper|(?:今日|本周|本月|编辑|强烈|重磅)?"
    r"(?:热门|推荐|精选|必读|最佳论文|首选|重点|力荐|热榜|上新|新)+)\s*[\]】)）]?\s*[!！]?",
    re.IGNORECASE)
DIGIT = re.compile(r"\d")
# (only a line with one of these early on can start with a label)
LABEL_END = re.compile(r"[:：】\]]")
# What ends a label: a colon, or Obsidian's inline field's two ("Authors:: …", as its
# Dataview plugin reads them), or the bracket that closes one ("【作者】").
LABEL_COLON = r"(?:::?|[：】\]])"
LABEL_LENGTH_MAX = 40
# Words that give a text's language ("english", "中文"), besides the codes and names of
# the languages in site.yaml (a table's column names them), and that say it holds the
# translation, or the original.
LANGUAGE_WORDS = {"en": ("english", "英文", "英语"), "zh": ("chinese", "中文", "汉语", "cn"),
                  "ja": ("japanese", "日文", "日语", "日本語"), "ko": ("korean", "韩文", "한국어")}
TRANSLATION_WORDS = ("translated", "translation", "翻译", "译文", "译名")
ORIGINAL_WORDS = ("original", "原文", "原")
# A label's language in brackets after it ("摘要（英文）：", "Abstract (EN):",
# "中文摘要（机翻）："), or who translated it ("摘要（DeepSeek 翻译）：", "Abstract (GPT-4o
# translation):").
QUALIFIER_WORDS = sorted({*LANGUAGE_WORDS, *(word for words in LANGUAGE_WORDS.values()
                                            for word in words),
                          *TRANSLATION_WORDS, *ORIGINAL_WORDS, "zh-hans", "zh-cn", "中", "英",
                          "机翻", "机器翻译", "machine translation"}, key=len, reverse=True)
QUALIFIER = (r"(?:\s*[（(\[](?P<qualifier>" + "|".join(map(re.escape, QUALIFIER_WORDS)).replace(
    "\\ ", r"\s+") + r"|[^()（）\[\]:：]{1,30}?(?:翻译|机翻|译|translation|translated))[）)\]])?")
# What such a qualifier says of who translated the text (see `translator_named`): a
# machine ("机翻", "machine translation", "谷歌翻译"), a model it names ("DeepSeek 翻译",
# "GPT-4o translation"), or no machine (a person's work, or the text's language).
MACHINE_WORDS = frozenset({"机翻", "机器翻译", "机器", "machine translation", "machine translated",
                           "machine", "ai 翻译", "ai translation", "ai translated", "ai", "mt"})
TRANSLATED_BY = re.compile(r"(?P<by>.*?)\s*(?:翻译|译|translation|translated)$")
NOT_A_MACHINE = frozenset({"", "中文", "英文", "人工", "human", "manual", "chinese", "english",
                           "原"})
# A label, perhaps after a bullet, in bold or italics ("**点评**：", "*TL;DR:*"), with the
# entry's number ("论文1：", "Paper 2:", "Paper 2/10:", "论文三：") and its language
# perhaps, before its colon or bracket.
LABEL_NUMBER = r"(?:\s*(?:\d{1,3}(?:/\d{1,3})?|[一二三四五六七八九十]{1,3}))?"
ENTRY_NUMBER = re.compile(r"\d|[一二三四五六七八九十]")
EMPHASIS = r"\*\*|__|\*|_"
# A label that names a language only ("中文：标题", "EN: Title"): the grammar says which
# field its line is (see `without_language_label`).
LANGUAGE_OF_WORD = {word: code for code, words in LANGUAGE_WORDS.items()
                    for word in (code, *words)}
LANGUAGE_LABEL = re.compile(
    rf"(?:(?P<bold>{EMPHASIS})\s*)?(?:[【\[](?P=bold)?)?(?P<language>"
    + "|".join(sorted(map(re.escape, LANGUAGE_OF_WORD), key=len, reverse=True))
    + rf")\s*(?:(?:{EMPHASIS})\s*)?{LABEL_COLON}(?:\s*(?:{EMPHASIS}))?\s*", re.IGNORECASE)
# A label and its translation in brackets, before the colon: "摘要 (Abstract)：".
LABEL_PAIR = re.compile(r"(?P<first>[^()（）:：\n]{1,20}?)\s*[（(](?P<second>[^()（）:：\n]{1,20})"
                        r"[)）](?=\s*(?:\*\*|__)?\s*[:：])")
# A Markdown quote's marks before a line ("> In this work …"): a digest quotes abstracts so.
QUOTE_MARKS = re.compile(r"(?:>\s+)+(?=\S)")
# A language's code or name beside a label, as scripts and posts write them: "EN Abstract:",
# "CN Title:", "title_zh:", "Abstract-EN:" (brackets are the qualifier's).
LABEL_LANGUAGE = "|".join(sorted(map(re.escape, [*LANGUAGE_OF_WORD, "zh-hans", "zh-cn"]),
                                 key=len, reverse=True))
FIELD_LABEL = re.compile(
    rf"(?:[-*•>]\s+)?(?:(?P<bold>{EMPHASIS})\s*)?(?:[【\[](?P=bold)?)?"
    rf"(?:(?:{LABEL_LANGUAGE})[\s_-]+)?(?P<label>"
    + "|".join(sorted(map(re.escape, FIELD_OF_LABEL), key=len, reverse=True)).replace(
        "\\ ", r"\s+")
    + rf")(?:[\s_-]+(?:{LABEL_LANGUAGE}))?{LABEL_NUMBER}{QUALIFIER}\s*(?:(?:{EMPHASIS})\s*)?"
    rf"{LABEL_COLON}(?:\s*(?:{EMPHASIS}))?\s*", re.IGNORECASE)
# A note's or an abstract's label may end with a dash too ("TL;DR - …", "点评——…",
# "Abstract—In this work …", as papers print it); a title's first words would, were any
# label allowed one ("Tags — A Study of …").
DASH_FIELDS = ("note", "abstract")
DASH_LABEL = re.compile(
    rf"(?:[-*•>]\s+)?(?:(?P<bold>{EMPHASIS})\s*)?(?P<label>"
    + "|".join(sorted((re.escape(label) for label, field in FIELD_OF_LABEL.items()
                       if field in DASH_FIELDS), key=len, reverse=True)).replace("\\ ", r"\s+")
    + rf")(?:\s*(?:{EMPHASIS}))?(?:\s+-+\s+|\s*[–—]+\s*)", re.IGNORECASE)
# (what such a line starts with: the first letter of such a label, after a bullet or an
# emphasis mark perhaps; most lines start otherwise)
DASH_START = re.compile(
    "[-*•>_ \t]*[" + re.escape("".join(sorted({label[0] for label, field
                                                 in FIELD_OF_LABEL.items()
                                                 if field in DASH_FIELDS})))
    + "]", re.IGNORECASE)
# A line of a date: the date, perhaps as a heading ("## ", "**…**", "【…】"), after a label
# ("Date:", "日期："), with its weekday ("(Wed)", "（周三）", "Wednesday,").
DATE_DECORATION = "#*=~_>`【】[]|-–— \t"
DATE_LINE_MAX = 60
# A day among a heading's words: "## 2025-05-14 Daily Papers", "### 2025年5月14日 论文速递".
HEADING_DAY = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"
                         r"|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
YEAR = re.compile(r"\d{4}")
# An HTML tag, which a Markdown digest's heading may hold (a logo's <img>): no words of it.
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# HTML's line break, as a page copied from a web editor gives a digest's lines ("Title<br>
# 标题<br><br>In this work …"): each is a line of its own, a pair of them a blank line.
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A Markdown file that opens with YAML front matter ("---", then a field), as Jekyll and
# Hugo posts do, up to its closing "---".
FRONT_MATTER = re.compile(r"---[ \t]*\r?\n[\"']?[\w.-]+[\"']?[ \t]*:")
# The same in TOML ("+++", then `title = "…"`), Hugo's own, as `hugo new` writes a page.
TOML_FRONT_MATTER = re.compile(r"\+\+\+[ \t]*\r?\n[\"']?[\w.-]+[\"']?[ \t]*=")
FIELD_NAME = re.compile(r"[\"']?([\w.-]+)[\"']?[ \t]*:")
# A Markdown image alone on its line, or several ("![Figure 1](https://…/fig1.png)"), as a
# post shows a paper's figure: no paper's text, as markup is not (an image that links
# somewhere, a star badge, is a link: see `WRAPPED_LINK`).
IMAGE_LINE = re.compile(r'(?:!\[[^\[\]]*\]\([^()\s]*(?:\s+"[^"]*")?\)\s*)+')
# The caption right under a figure, in italics or naming the figure ("*图1：方法概览*",
# "Figure 1: Overview of the method."): no paper's text either.
FIGURE_NAME = re.compile(r"(?:图|figure|fig\.)\s*\d+", re.IGNORECASE)
CAPTION_MAX = 120
# A line of HTML tags and comments alone, perhaps around a collapsed part's caption
# ("<details>", "<summary>Details</summary>", "<div id='cs.CL'></div>", as
# daily-arXiv-ai-enhanced writes them): no paper's text. (A tag's name, then its
# attributes: "<https://…>" is an address.)
MARKUP_LINE = re.compile(r"(?:(?:</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->"
                         r"|<summary>[^<>]*</summary>)\s*)+", re.IGNORECASE)
# The digest's own details above its papers, in bold as arXiv fetchers' scripts write
# them ("**Update Time**: 2025-06-03 08:14:52", "**论文数量**: 5"): counts or details, no
# paper's (see `bitext.digest.without_opening_details`). (A digest's counts under a
# heading of their own, "## 📊 今日论文统计" / "- 总论文数：3", are that heading's part.)
DIGEST_DETAIL = re.compile(r"\*\*\s*(?:update time|updated|last updated|paper count|"
                           r"total papers|更新时间|论文数量|版本)\s*(?:\*\*\s*[:：]|[:：]\s*\*\*)",
                           re.IGNORECASE)
# A collapsed part's caption, which may name a field ("<details><summary><b>Abstract</b>
# </summary>", "<summary><b>中文摘要</b></summary>", as arXiv fetchers' scripts fold each
# abstract): the tags around it.
SUMMARY_CAPTION = re.compile(r"(?:<[^<>]*>\s*)*<summary(?:\s[^<>]*)?>(?P<caption>.*?)</summary>"
                             r"\s*(?:<[^<>]*>\s*)*", re.IGNORECASE)
DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
# A line of hashtags alone, each with a letter ("#LLM #强化学习"; "#5" numbers an entry):
# words for the tag rules, as a line of keywords is.
HASHTAGS = re.compile(r"(?:#(?=[\w-]*[^\W\d_])[\w-]+[\s,，、]*)+")
# A callout's first line, as Obsidian and GitHub write one in a quote ("> [!abstract]
# Abstract", "> [!note]- 中文摘要", "> [!TLDR]"): its title, else its kind, may name a field,
# as a collapsed part's caption does (Obsidian's `summary` and `tldr` are kinds of abstract).
CALLOUT = re.compile(r"\[!(?P<kind>[A-Za-z][\w-]*)\][+-]?\s*(?P<title>.*)")
# A field of a digest's template that its script left unfilled ("**摘要翻译:**
# {abstract_translation}", as a fork of daily-arXiv-ai-enhanced writes it): a name in
# braces, after its label perhaps. Its line says nothing.
PLACEHOLDER = re.compile(r"(?:[^:：{}]{1,40}[:：][*_\s]*)?\{[A-Za-z_]\w*\}")
# A line of several fields, each after its label in bold, parted by "|" or by two spaces
# or more ("**Date**: 2025-05-30 | **arXiv**: [2505.24864](…) | **PDF**: [Link](…)",
# "**Project**: https://…  **Code**: https://…"): a line each.
BOLD_LABEL = r"\*\*[^*\n]{1,40}?(?::\*\*|\*\*\s*[:：])"
BOLD_LABEL_START = re.compile(BOLD_LABEL)
FIELDS_APART = re.compile(rf"\s*\|\s*(?={BOLD_LABEL})|\s{{2,}}(?={BOLD_LABEL})")
# A line of a few words and one day, not a sentence: a day's caption ("HF Daily Papers
# 2025-05-14", "2025年5月14日 每日论文"), which no real title is (none of the 561 of the
# test fixtures holds a day). A numbered line is an entry's title.
DAY_CAPTION_WORDS_MAX = 5
WORD_OF_LETTERS = re.compile(r"[^\W\d_]+")
NUMBERED = re.compile(r"\d{1,4}[.)、]")
# (a TOML front matter's too, "date = 2025-06-02T10:00:00+08:00")
DATE_LABEL = re.compile(r"(?:date|日期)[\s*_]*[:：=]\s*", re.IGNORECASE)
WEEKDAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?"
           r"|sat(?:urday)?|sun(?:day)?)\.?|(?:周|星期|礼拜)[一二三四五六日天]")
WEEKDAY_AROUND = re.compile(rf"^(?:{WEEKDAY})\s*[,，]?\s*|\s*[,，]?\s*[(（]?(?:{WEEKDAY})[)）]?$",
                            re.IGNORECASE)
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
MONTH_NAME = (r"(?P<name>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
              r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
DATE_FORMS = [re.compile(form, re.IGNORECASE) for form in (
    r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?",
    r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*[日号])?",
    rf"{MONTH_NAME}\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<year>\d{{4}})",
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_NAME},?\s+(?P<year>\d{{4}})")]


@dataclass(frozen=True)
class Link:
    """One link of a digest's line of links."""

    line: int
    label: str
    """What the line says before it ("Code", "论文链接"), or ""."""
    url: str | None
    arxiv: str | None
    """An arXiv id given as such ("arXiv: 2505.09388")."""


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    share: float
    """Share of its word units in the secondary language's script."""
    after_blank: bool = False
    """Whether a blank line comes before it (lines of links between are passed over)."""
    links: tuple[Link, ...] = ()
    """Its links, when the line holds nothing else."""
    indent: int = 0
    """The white space before its text (arXiv starts a paragraph with a line indented)."""
    day: dt.date | str | None = None
    """Its date, when the line holds nothing else (a str: the text of a date that names no
    day, such as 2025-02-30)."""
    label: str | None = None
    """The field its label names (title, abstract, affiliation, or one of
    `ATTACHED_FIELDS`); its `text` is what follows the label."""
    heading: int = 0
    """The level of a Markdown heading ("## …": 2; 0: no heading); its `text` is what
    follows the marks."""
    translated_by: str | None = None
    """What its label says made its text: a model's name ("摘要（DeepSeek 翻译）："), "" for
    a machine that it names not ("中文摘要（机翻）："), None where it says neither."""
    after_rule: bool = False
    """Whether a rule ("---") comes before it (as `after_blank` does a blank line)."""

    @property
    def in_grammar(self) -> bool:
        """Whether the line is a part of an entry in the grammar: not a line of links, of a
        date, of authors (or another of `ATTACHED_FIELDS`), nor a label alone."""
        return (not self.links and self.day is None and self.label not in ATTACHED_FIELDS
                and bool(self.text))

    def can_be(self, secondary: bool) -> bool:
        return self.share >= SECONDARY_MIN if secondary else self.share < PRIMARY_MAX


def front_matter_lines(lines: list[str]) -> range:
    """The numbers of the lines of a text's YAML front matter, its "---" lines too, or of
    its TOML front matter between "+++" lines (see `toml_front_matter_end`); an empty range
    where it has none. A digest of labelled entries parted by rules, a rule first ("---" /
    "Title: …" / "摘要: …" / "---" / "Title: …"), has none: a block after a later rule
    has two or more of the first block's fields."""
    from bitext.content import split_front_matter  # (its closing line, its most lines)

    if (toml_end := toml_front_matter_end(lines)) is not None:
        return range(1, toml_end + 2)
    if (header_end := metadata_header_end(lines)) is not None:
        return range(1, header_end + 1)
    if not FRONT_MATTER.match("\n".join(lines[:2])):
        return range(0)
    front, body_start, _ = split_front_matter("\n".join(lines), "")
    if front is None:
        return range(0)
    end = body_start - 1  # (the closing "---")
    fields = field_names(lines[1:end])
    block: list[str] = []
    for line in [*lines[end + 1:], "---"]:
        if line.rstrip() == "---":
            if len(fields & field_names(block)) >= 2:
                return range(0)
            block = []
        else:
            block.append(line)
    return range(1, end + 2)


# The fields of Pelican's metadata (and MultiMarkdown's), "Key: value" lines that open a
# Markdown page up to a blank line ("Title: …" / "Date: 2025-06-02 10:20" / "Slug: …" /
# "Lang: zh"); and those that only such a header has, no digest's labelled entry.
METADATA_KEYS = frozenset({"title", "date", "modified", "category", "tags", "keywords",
                           "slug", "lang", "author", "authors", "summary", "status",
                           "translation", "template", "save_as", "url", "base header level"})
METADATA_ONLY_KEYS = frozenset({"slug", "lang", "category", "status", "translation",
                                "template", "save_as", "url", "modified"})
METADATA_LINE = re.compile(r"(?P<key>[A-Za-z][\w ]*?)[ \t]*:[ \t]*(?P<value>.*)")
MAX_METADATA_LINES = 40


def metadata_header_end(lines: list[str]) -> int | None:
    """The index of the blank line that ends a Pelican page's metadata (see
    `METADATA_KEYS`): its first line a title's, its keys all metadata's, one of them
    Pelican's own (`METADATA_ONLY_KEYS`), a line indented under one going on with its
    value; None where the text opens otherwise."""
    keys: set[str] = set()
    for index, line in enumerate(lines[:MAX_METADATA_LINES]):
        if not line.strip():
            return index if "title" in keys and keys & METADATA_ONLY_KEYS else None
        field = METADATA_LINE.fullmatch(line)
        if field is None and index and line[:1] in " \t":
            continue  # (a value going on)
        key = field["key"].lower() if field else None
        if key not in METADATA_KEYS or (index == 0 and key != "title"):
            return None
        keys.add(key)
    return None


def toml_front_matter_end(lines: list[str]) -> int | None:
    """The index of the "+++" line that closes a text's TOML front matter, as Hugo's `hugo
    new` writes a page's ("+++" / `title = "…"` / `date = 2025-06-02T…` / "+++"); None
    where it has none."""
    from bitext.content import MAX_FRONT_MATTER_LINES

    if not TOML_FRONT_MATTER.match("\n".join(lines[:2])):
        return None
    return next((index for index in range(1, min(len(lines), MAX_FRONT_MATTER_LINES + 2))
                 if lines[index].rstrip() == "+++"), None)


def field_names(lines: list[str]) -> set[str]:
    """The names of the fields that start lines ("title: …", "摘要: …"), case folded."""
    return {match[1].casefold() for line in lines
            if (match := FIELD_NAME.match(line))}


# A Markdown heading's underline (a setext heading's): "=" for a first level, "-" for a
# second, under the heading's line.
SETEXT_UNDERLINE = re.compile(r" {0,3}(?P<mark>=+|-+)[ \t]*")
# A reference link's definition ("[1]: https://arxiv.org/abs/2505.09388", "[qwen3]:
# <https://…> "Title""), and a link that names one ("[Qwen3 Technical Report][1]", the
# collapsed "[Qwen3][]").
REFERENCE_DEFINITION = re.compile(r" {0,3}\[(?P<label>[^\]]+)\]:[ \t]*<?(?P<url>[^\s>]+)>?"
                                  r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*")
# Obsidian's link to a note ("[[Qwen3 Technical Report]]", "[[2505.09388|Qwen3]]", "[[Qwen3
# Technical Report#Abstract]]"): its words, the alias's where it has one. (Not a Markdown
# link of bracketed words, "[[arXiv]](https://…)", as lists of papers write one.)
WIKILINK = re.compile(r"\[\[(?P<target>[^\[\]|#]+)(?:#[^\[\]|]*)?(?:\|(?P<alias>[^\[\]]+))?"
                      r"\]\](?!\()")
REFERENCE_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\[(?P<label>[^\[\]]*)\]")
# A footnote's reference at the end of a line ("## Qwen3 Technical Report[^1]", its
# definition "[^1]: https://arxiv.org/abs/…" at the end of the post): the line's text is a
# link to that address, as a title that links its paper is.
FOOTNOTE_AT_END = re.compile(r"(?P<marks>\s*(?:#{1,6}\s+|[-*+•]\s+|\d{1,3}[.)、]\s*)?)"
                             r"(?P<text>[^\[\]]+?)\s*\[(?P<label>\^[^\[\]]+)\]\s*")


def link_words(link: re.Match) -> str:
    """The words of a note's link (see `WIKILINK`)."""
    return (link["alias"] or link["target"]).strip()


def with_setext_headings(raw_lines: list[str]) -> list[str]:
    """The lines with each setext heading (a line over a line of "=" or "-" as long as
    half of it, at the least: "Qwen3 Technical Report" / "----------------------") as
    Markdown's heading of "#"s, its underline blank. (A rule of "---" under an abstract,
    which is far longer, or of fewer than five "-" under a short line, "点评：好", stays a
    rule between entries.)"""
    lines = list(raw_lines)
    for at in range(1, len(lines)):
        underline, above = SETEXT_UNDERLINE.fullmatch(lines[at]), lines[at - 1].strip()
        marks = underline["mark"] if underline else ""
        if (len(marks) >= (3 if marks[:1] == "=" else 5) and len(marks) * 2 >= len(above)
                and above and not SETEXT_UNDERLINE.fullmatch(lines[at - 1])
                and not above.startswith(("#", ">", "|"))):
            lines[at - 1], lines[at] = f"{'#' if marks[0] == '=' else '##'} {above}", ""
    return lines


def with_reference_links(raw_lines: list[str]) -> list[str]:
    """The lines with Markdown's reference links as inline ones ("[Title][1]" with the
    definition "[1]: https://…" as "[Title](https://…)"), and a line that ends with a
    footnote's reference to an address as a link to it ("Title[^1]" as "[Title](https://…)",
    see `FOOTNOTE_AT_END`), their definitions blank, as a newsletter written in Markdown
    gathers its links at its end; the lines themselves where none is defined."""
    definitions = [REFERENCE_DEFINITION.fullmatch(raw) if "]:" in raw else None
                   for raw in raw_lines]
    defined = {found["label"].casefold(): found["url"] for found in definitions if found}
    if not defined:
        return raw_lines

    def inline(found: re.Match) -> str:
        url = defined.get((found["label"] or found["text"]).casefold())
        return f"[{found['text']}]({url})" if url else found.group()

    def linked(raw: str) -> str:
        found = FOOTNOTE_AT_END.fullmatch(raw)
        url = found and defined.get(found["label"].casefold())
        if not (url and url.startswith(("https://", "http://"))):
            return raw  # ("[^1]: Preprint.": a note, no address)
        return f"{found['marks']}[{found['text']}]({url})"

    def inlined(raw: str) -> str:
        raw = linked(raw) if "[^" in raw else raw
        return REFERENCE_LINK.sub(inline, raw) if "][" in raw else raw

    return ["" if definition else inlined(raw)
            for raw, definition in zip(raw_lines, definitions, strict=True)]


def read_lines(text: str, secondary_script: frozenset[str],
               passed_over: Collection[int] = ()) -> list[Line]:
    """The non-blank lines with their numbers and languages, or their links (BOM and CRLF
    already handled); the lines `passed_over` neither read nor blank."""
    lines, blank, ruled, text_before = [], False, False, False
    # (a collapsed part's caption left for its reader: see `SUMMARY_CAPTION`)
    raw_lines = with_reference_links(with_setext_headings([
        html_as_markdown(raw) if has_html(raw) and "<summary" not in raw.lower()
        else WIKILINK.sub(link_words, raw) if "[[" in raw else raw
        for raw in text.split("\n")]))
    bulleted = is_bulleted_list(raw_lines)
    readings = False  # (in a collapsed part of a model's readings: see below)
    image_line = -1  # (the number of the last line of images)
    for number, raw in numbered_pieces(raw_lines):
        if number in passed_over:
            continue
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if readings and DETAILS_CLOSE.search(stripped):
            readings = False
        if not WORD_CHARACTER.search(stripped):
            blank = True  # (a rule between entries, "---" or "* * *", parts them as one)
            ruled = ruled or bool(stripped)
            continue
        if stripped[0] == "<" and (caption := SUMMARY_CAPTION.fullmatch(stripped)):
            # (a caption that names a field is that field's label alone on its line; one
            # that names none, "Details", is no paper's text; one of a model's readings
            # makes each line of its part one)
            words = without_pictographs(HTML_TAG.sub("", caption["caption"])).strip()
            named = section_label(unbold(words))
            if named is None or named == "readings":
                readings = named == "readings" and not DETAILS_CLOSE.search(stripped)
                blank = True
                continue
            stripped = f"**{words}**"
        if readings:
            lines.append(Line(number, stripped, 0.0, indent=indent, label="readings"))
            continue
        if stripped[0] == "<" and MARKUP_LINE.fullmatch(stripped):
            blank = True
            continue
        if stripped[:2] == "![" and IMAGE_LINE.fullmatch(stripped):
            blank, image_line = True, number
            continue
        if number == image_line + 1 and is_figure_caption(stripped):
            continue
        bullet = BULLET.match(stripped) if bulleted else None
        stripped = stripped[bullet.end():] if bullet else stripped
        if stripped.startswith(">"):
            stripped = QUOTE_MARKS.sub("", stripped, count=1)
            if stripped[:2] == "[!" and (callout := CALLOUT.fullmatch(stripped)):
                words = callout["title"].strip() or callout["kind"]
                if section_label(unbold(words)) is None:
                    blank = True  # ("> [!info]", "> [!quote] Why read it": no field's name)
                    continue
                stripped = f"**{words}**"
        if is_without_addresses(stripped):
            continue  # (nothing to keep, as a blank line has nothing)
        if stripped[:2] == "**" and DIGEST_DETAIL.match(stripped):
            # (before the date it may hold: "**Update Time**: 2025-06-03 08:14:52")
            lines.append(Line(number, stripped, 0.0, indent=indent, label="other"))
            continue
        # ("🔗 https://…", "[arXiv](https://…) | [Code](https://…)")
        links = line_links(stripped, number)
        day = day_of_line(stripped)
        if links or day is not None:
            lines.append(Line(number, stripped, 0.0, links=links, indent=indent, day=day))
            continue  # (passed over: the blank line before it is before the next line too)
        heading = HEADING.match(stripped)
        # (bold taken off before the emoji, "**📄 Title**", and after, "📄 **Title**"; a line
        # of counts is told by what its emoji were)
        body = stripped[heading.end():] if heading else stripped
        unmarked = unbold(body)
        labelled = unbold(without_pictographs(unmarked))
        if PLACEHOLDER.fullmatch(labelled):
            continue  # (as a blank line is: the lines around it are blank in the template)
        if NUMBER_ALONE.fullmatch(unmarked):
            blank = True  # ("01" over a paper's lines: the entry's number, as "## Paper 3")
            continue
        label, text_of_line = field_label(labelled)
        if label is None and (entry_number := NUMBER_BEFORE_LABEL.match(labelled)) and (
                field_label(labelled[entry_number.end():])[0] == "title"):
            # ("1. Title: …", "3. 标题：…": the number of the entry that the title starts)
            label, text_of_line = field_label(labelled[entry_number.end():])
        translated_by = translator_named(labelled) if label in ("title", "abstract") else None
        if (label is None and (heading or unmarked != body) and ENTRY_NUMBER.search(
                text_of_line) and section_label(text_of_line) == "title"):
            blank = True  # ("## Paper 3", "**论文三**": the entry's number, over its fields)
            continue
        if label is None and len(text_of_line) < LABEL_LENGTH_MAX and (
                named := section_label(text_of_line)) and (
                heading or unmarked != body or named == "abstract"):
            # (a label alone on its line: "## Abstract", "**摘要**", and an abstract's as a
            # web page copied gives it, "Abstract"; a plain "标题" may be a title)
            label, text_of_line, heading = named, "", None
        elif label and heading and not text_of_line:
            heading = None  # ("## TL;DR:", "## 摘要翻译:": a label alone, with its colon)
        if label == "other" and (added := day_added(labelled)) is not None:
            # ("Created: June 2, 2025 3:41 PM", as a note app's page of a paper gives the day
            # the editor took it in: its day, as a table's column of it is)
            lines.append(Line(number, stripped, 0.0, indent=indent, day=added))
            continue
        if label is None and (is_count_line(text_of_line, unmarked)
                              or is_badge(text_of_line, body, labelled)):
            label = "other"
        if label is None and text_of_line[:1] == "#" and HASHTAGS.fullmatch(text_of_line):
            label = "keywords"  # ("#LLM #Reasoning #强化学习", as posts tag a paper)
        if label is None and (said := provenance_said(text_of_line)):
            label, text_of_line = said  # ("（译文由 DeepSeek 生成）", as a label would say it)
        if label is None and is_call_to_action(text_of_line):
            label = "other"  # ("Read more →", "阅读原文": what a newsletter's link said)
        if (label is None and not heading and body[:1] in "*_" and ITALIC_LINE.fullmatch(body)
                and is_author_list(text_of_line)):
            label = "authors"  # (a byline in italics, "*Alice Smith, Bob Lee*")
        if label is None:
            text_of_line = without_language_label(text_of_line, secondary_script)
        share = script_share(text_of_line, secondary_script)
        if share < SECONDARY_MIN and FAILED_TRANSLATION.match(text_of_line):
            share = 1.0  # ("[Translation failed]" stands where the translation would)
        if label == NOTE_OR_COMMENTS:  # (alone on its line: a note, in the next line's words)
            label = "comments" if text_of_line and share < PRIMARY_MAX else "note"
        lines.append(Line(number, text_of_line, share,
                          after_blank=blank and text_before, indent=indent, label=label,
                          heading=heading.group().count("#") if heading else 0,
                          translated_by=translated_by,
                          after_rule=ruled and text_before))
        text_before, blank, ruled = True, False, False
    return with_label_texts(lines, secondary_script)


def is_figure_caption(text: str) -> bool:
    """Whether a line under a figure is its caption: short, and in italics as a whole or
    naming the figure (see `FIGURE_NAME`)."""
    return len(text) <= CAPTION_MAX and bool(
        ITALIC_LINE.fullmatch(text) or FIGURE_NAME.match(unbold(text)))


def numbered_pieces(raw_lines: list[str]) -> Iterator[tuple[int, str]]:
    """Each line with its number; a line of several fields after labels in bold (see
    `FIELDS_APART`), a title with its links after it (see `title_and_links`), a row of a
    table of a paper (see `table_pieces`), or lines parted by HTML's line breaks (see
    `LINE_BREAK`), as its pieces, each with the line's number."""
    in_tables = table_pieces(raw_lines) if "|" in "".join(raw_lines) else {}
    for number, raw in enumerate(raw_lines, start=1):
        if number in in_tables:
            for piece in in_tables[number]:
                yield number, piece
        elif "**" in raw and BOLD_LABEL_START.match(raw.strip()) and FIELDS_APART.search(raw):
            for piece in FIELDS_APART.split(raw.strip()):
                yield number, piece
        elif "](" in raw and (pieces := title_and_links(raw)):
            yield number, pieces[0]
            yield number, pieces[1]
        elif "<br" in raw and LINE_BREAK.search(raw):
            for piece in LINE_BREAK.split(raw):
                yield number, piece
        else:
            yield number, raw


# A Markdown table's row, and the row of dashes under its header.
TABLE_ROW = re.compile(r"\s*\|(?P<cells>.*)\|\s*")
TABLE_DELIMITER = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
CELL_PARTING = re.compile(r"(?<!\\)\|")
# A column of a table of a paper that holds one language's texts, as its header names it
# ("English", "中文", "简体中文", "Original", "译文"), besides `LANGUAGE_OF_WORD`'s words.
LANGUAGE_COLUMNS = frozenset({"original", "translation", "translated", "原文", "译文", "翻译",
                              "中文翻译", "中文译文", "english original"})


def table_pieces(raw_lines: list[str]) -> dict[int, list[str]]:
    """The lines that a digest's Markdown tables of a paper stand for, by line number: a
    table of its fields by their labels ("| Title | … |", "| 摘要 | … |", perhaps the first
    as its header, as Notion writes one) as a line of each label and its text, and a table
    of the two languages side by side ("| English | 中文 |", a row the titles, a row the
    abstracts, perhaps after a column of their labels) as a line of each cell; the header
    of a table of languages is no paper's text. A table of neither stays as it is."""
    pieces: dict[int, list[str]] = {}
    at = 0
    while at < len(raw_lines) - 1:
        if not (TABLE_ROW.fullmatch(raw_lines[at])
                and TABLE_DELIMITER.fullmatch(raw_lines[at + 1])):
            at += 1
            continue
        end = at + 2
        while end < len(raw_lines) and TABLE_ROW.fullmatch(raw_lines[end]):
            end += 1
        header, rows = table_cells(raw_lines[at]), [table_cells(raw_lines[row])
                                                    for row in range(at + 2, end)]
        lines = rows_as_lines(header, rows)
        if lines is not None:
            pieces.update({at + 1: lines[0], at + 2: []})
            pieces.update((at + 3 + index, row) for index, row in enumerate(lines[1:]))
        at = end
    return pieces


def table_cells(row: str) -> list[str]:
    inner = TABLE_ROW.fullmatch(row)["cells"]
    return [cell.strip().replace("\\|", "|") for cell in CELL_PARTING.split(inner)]


def rows_as_lines(header: list[str], rows: list[list[str]]) -> list[list[str]] | None:
    """The lines of a table of a paper's header and rows (see `table_pieces`), the header's
    first; None for a table of another kind."""
    def labelled(cells: list[str]) -> list[str]:
        return [f"{cells[0]}: {' '.join(filter(None, cells[1:]))}"] if cells[0] else []

    if len(header) in (2, 3) and all(names_language(cell) for cell in header[-2:]):
        return [[]] + [[f"{row[0]}: {cell}" if len(row) == 3 and row[0] else cell
                        for cell in row[-2:] if cell] for row in rows]
    if all(len(row) >= 2 and (not row[0] or section_label(unbold(row[0]))) for row in rows):
        first = labelled(header) if section_label(unbold(header[0])) else []
        return [first] + [labelled(row) for row in rows]
    return None


def names_language(cell: str) -> bool:
    """Whether a table's header cell names a language's column ("English", "中文 (Chinese)",
    "简体中文", "原文", "Translation")."""
    words = " ".join(re.sub(r"[()（）\[\]*_]", " ", cell.casefold()).split())
    return (words in LANGUAGE_OF_WORD or words in LANGUAGE_COLUMNS
            or any(word in words for word in LANGUAGE_OF_WORD if not word.isascii())
            or all(part in LANGUAGE_OF_WORD for part in words.split()) and bool(words))


def title_and_links(raw: str) -> tuple[str, str] | None:
    """A title and the links after it on its line, as lists of papers write them: "**Qwen3
    Technical Report** [[Paper](…)] [[Code](…)]", "[Title](…) ([Code](…))", "Title
    [![Stars](…badge…)](https://github.com/…)", or two links or more ("Title [PDF](…) |
    [Code](…)"); None for another line. One link of other words after a text is no link
    of a title's ("… the code is [here](…)"), nor is a line of links ("**Code:** […](…)")."""
    plain = plain_links(raw)
    links = list(MARKDOWN_LINK.finditer(plain))
    run, start = [], len(plain.rstrip())
    for link in reversed(links):  # (the links that end the line, parted by separators only)
        if plain[link.end():start].strip(LINK_SEPARATORS):
            break
        run.insert(0, link)
        start = link.start()
    head = plain[:start].rstrip(LINK_SEPARATORS)
    if run and not WORD_CHARACTER.search(head):  # (the title a link itself: "[Title](…) …")
        title = without_pictographs(run[0]["text"]).strip().lower()
        if title in LINK_TEXT_WORDS or len(title.split()) < 3 and line_links(raw.strip(), 0):
            return None  # (a line of links: "[arXiv](…) | [Code](…)", "[Demo video](…) …")
        head, run, linked = plain[:run[0].end()], run[1:], True
    elif line_links(raw.strip(), 0):
        return None  # (a line of links after their label: "**Code:** […](…)")
    else:
        linked = bool(HEADING_OR_BOLD_TITLE.fullmatch(head.strip()))
    if not run or not (linked or len(run) > 1 or plain != raw):
        return None
    tail = " ".join(link.group() for link in run)
    return (head, tail) if line_links(tail, 0) else None


def with_label_texts(lines: list[Line], secondary: frozenset[str]) -> list[Line]:
    """The lines with the text of a label alone on its line ("Authors:", "标签：") that is
    one of `ATTACHED_FIELDS` taken from the line right after it, and a labelled title,
    affiliation or one of `ATTACHED_FIELDS` carried on by the lines after it that are
    more indented (as arXiv's listings wrap a long title or list of authors), when those
    lines have no label of their own, may be in its language and are no prose (an indented
    line in the other language, "Title: Qwen3 Technical Report" / "  Qwen3 技术报告", or an
    abstract indented under its title, is the next field). A note ("点评：…") goes on in
    the lines right under it that have no label, may be in its language and end with a
    full stop, each a paragraph (the next entry's title, in a file without blank lines,
    may hold a sentence, "Can LLMs Learn by Teaching? A Preliminary Study", but no title
    of the 561 real ones ends so; a title with its translation may, "Title | 基于 $x^2$ 的
    方法。", and is no paragraph of a note in either language). A model's readings go on
    in the items of a list right under them ("**核心贡献**：" / "- …" / "- …").
    (An abstract's lines are its own: see `bitext.digest.abstract_text`.)"""
    found: list[Line] = []
    last = 0  # (the number of the last line taken into found[-1])
    note_head = None  # (the first line of the last note)
    for line in lines:
        before = found[-1] if found else None
        if line.label == "note":
            note_head = line
        if (before and before.label not in (None, "abstract") and line.number == last + 1
                and line.label is None and not line.links and line.day is None
                and not line.heading):
            # (a list of readings, its first item too, each a line: left out, each is named)
            if before.label in ATTACHED_FIELDS and not before.text and not (
                    before.label == "readings" and is_list_item(line.text)):
                found[-1] = dataclasses.replace(before, text=line.text, share=line.share)
                note_head = found[-1] if before.label == "note" else note_head
                last = line.number
                continue
            if (before.text and line.indent > before.indent and speaks_as(line, before)
                    and carries_on_field(before.label, line.text)):
                found[-1] = dataclasses.replace(before, text=f"{before.text} {line.text}")
                last = line.number
                continue
            if (before.label == "note" and before.text and ends_with_full_stop(line.text)
                    and not NUMBERED.match(line.text) and in_language_of(line, note_head)
                    and title_pair(line.text, secondary) is None):
                found.append(dataclasses.replace(line, label="note"))  # (its next paragraph)
                last = line.number
                continue
            if before.label == "readings" and is_list_item(line.text):
                found.append(dataclasses.replace(line, label="readings"))  # (its next item)
                last = line.number
                continue
        found.append(line)
        last = line.number
    return found


def is_list_item(text: str) -> bool:
    return bool(BULLET.match(text) or NUMBERED.match(text))


def is_count_line(text: str, raw: str) -> bool:
    """Whether a line holds counts and nothing else, said to be counts by a word or an
    emoji ("⭐ 1.2k stars", "👍 128", "128 | 💬 12": its line, `raw`, before its emoji
    were taken off): a number alone ("128") says nothing of what it is."""
    if len(text) > COUNT_LINE_MAX or not DIGIT.search(text):
        return False
    words = {word.lower() for word in LETTER_RUN.findall(label_form(text))} - MULTIPLIERS
    return words <= COUNT_WORDS and (bool(words) or text != raw or "|" in text)


def day_added(text: str) -> dt.date | None:
    """The day of a line of the day a paper was taken in ("Created: June 2, 2025 3:41 PM",
    "Date Added: 2025-06-02 09:14:31", "创建时间：2025/06/02"), its time of day aside; None
    for another line."""
    label = ADDED_LABEL.match(text)
    if label is None:
        return None
    day = day_of_line(TIME_OF_DAY.sub("", text[label.end():].strip()))
    return day if isinstance(day, dt.date) else None


def is_badge(text: str, raw: str, unmarked: str) -> bool:
    """Whether a line is a badge (see `BADGE`): `raw` is its text with its bold and emoji,
    `unmarked` without."""
    return (len(text) <= COUNT_LINE_MAX and bool(BADGE.fullmatch(text.strip()))
            and (raw.strip() != unmarked.strip() or text.lstrip()[:1] in "[【(（"))


# A line alone that says who translated an entry's texts ("（译文由 DeepSeek 生成）",
# "本文由王芳翻译", "（谷歌翻译）", "(Translated by GPT-4o)"): a translator's label in other
# words.
TRANSLATED_BY_SENTENCE = re.compile(
    r"[（(]?\s*(?:(?:本文|本摘要|摘要|译文|中文译文|翻译)\s*)?由\s*(?P<zh>[^（）()，,。]{1,40}?)\s*"
    r"(?:机器|自动)?(?:翻译|生成|译出|提供)(?:而成)?\s*[）)]?[。.]?"
    r"|[（(]\s*(?P<bracketed>[^（）()，,。]{0,30}?)\s*(?P<verb>翻译|机翻)\s*[）)]"
    r"|[（(]?\s*(?:machine[- ])?translat(?:ed|ion)\s+(?:by|with|using)\s+"
    r"(?P<en>[^()（）,.]{1,40}?)\s*[）)]?\.?", re.IGNORECASE)
# Names of models and machine translators, in a sentence that says who translated
# ("DeepSeek-V3", "GPT-4o", "谷歌翻译"); a name of none is a person's.
MODEL_NAME = re.compile(
    r"(?<![a-z])(?:gpt|deepseek|claude|qwen|gemini|llama|glm|chatglm|kimi|moonshot|doubao|"
    r"ernie|mistral|deepl|google|bing|grok|baichuan|minimax|hunyuan|o[134]|ai|llm|mt)(?![a-z])"
    r"|通义|千问|智谱|豆包|文心|谷歌|百度|有道|混元|模型|机器|人工智能", re.IGNORECASE)
# What a newsletter's link said, left alone on its line when it was copied as text.
CALLS_TO_ACTION = frozenset({"read more", "continue reading", "read the paper", "read paper",
                             "read the full paper", "read full paper", "learn more",
                             "阅读原文", "查看原文", "阅读全文", "点击阅读原文", "查看详情",
                             "了解更多", "查看论文", "阅读论文", "阅读更多", "查看更多",
                             "继续阅读", "了解详情"})


def provenance_said(text: str) -> tuple[str, str] | None:
    """The field and value of a sentence that says who translated ("由 DeepSeek 生成":
    the translation model; "由王芳翻译": the translator; "（机器翻译）" alone is a machine
    of no name, see `MACHINE_WORDS`; "（人工翻译）" names no one, and is no field's), or
    None."""
    text = text.strip()
    # (read in simplified characters, "（譯文由 DeepSeek 生成）" too; the name as written)
    found = TRANSLATED_BY_SENTENCE.fullmatch(label_form(text))
    if found is None:
        return None
    group = next(name for name in ("zh", "bracketed", "en") if found[name] is not None)
    said, by = found[group].strip(), text[found.start(group):found.end(group)].strip()
    if found["verb"] == "机翻" and not said or said.casefold() in MACHINE_WORDS:
        return "translator", "machine"
    if said.casefold() in NOT_A_MACHINE:
        return "other", text  # ("（翻译）", "（人工翻译）", "（英文翻译）": no one named)
    return ("translation_model" if MODEL_NAME.search(said) else "translator"), by


def is_call_to_action(text: str) -> bool:
    return label_form(text).strip(" →»>›.…:：!！").casefold() in CALLS_TO_ACTION


def is_prose(text: str) -> bool:
    """An abstract ends like a sentence or holds two; a title or an affiliation usually
    does neither (only a hint: see `bitext.digest`'s docstring)."""
    return bool(SENTENCE_END.search(text) or SENTENCE_BREAK.search(text))


def ends_with_full_stop(text: str) -> bool:
    """Whether a line ends with a full stop ("." "。" "…", perhaps then a closing quote or
    bracket), as a sentence does and no title does (one may end with "?" or "!")."""
    end = SENTENCE_END.search(text)
    return bool(end and end.group()[0] in ".。…")


def carries_on_field(label: str, text: str) -> bool:
    """Whether a line has the shape of the rest of a labelled field's text rather than of
    an abstract indented under it: a title or an affiliation goes on in no prose (but a
    title may end with "?" or "!"); a list (of authors, say, whose initials look like
    sentence ends, "Joshua M. Susskind") in no line as long as a one-line abstract."""
    if label in ATTACHED_FIELDS:
        return len(text) <= LIST_LINE_MAX
    return not (ends_with_full_stop(text) or SENTENCE_BREAK.search(text))


def in_language_of(line: Line, other: Line | None) -> bool:
    """Whether a line is in the language that `other` may be in, and in no other (a note's
    next paragraph: a line in both scripts, the next entry's "Title | 标题" in a file
    without blank lines, is no note's)."""
    return other is not None and any(other.can_be(secondary) and line.can_be(secondary)
                                     and not line.can_be(not secondary)
                                     for secondary in (False, True))


def speaks_as(line: Line, other: Line) -> bool:
    """Whether two lines may be in one language."""
    return line.can_be(False) and other.can_be(False) or line.can_be(True) and other.can_be(True)


def is_bulleted_list(raw_lines: list[str]) -> bool:
    """Whether the digest is written as a list: two thirds of its lines or more start with
    a bullet ("- ", "* ", "• "), which then is no part of any line's text. (Where only the
    titles have one, `bitext.digest` takes it off them as it takes numbers off.)"""
    texts = [line.strip() for line in raw_lines if WORD_CHARACTER.search(line)]
    return bool(texts) and 3 * sum(1 for text in texts if BULLET.match(text)) >= 2 * len(texts)


def link_items(text: str, number: int) -> tuple[Link, ...]:
    """The links of a line that holds links only, else nothing. An arXiv id counts as a
    link only after a label that says arXiv, or alone on its line. (A line of arXiv's
    listings, "[3] arXiv:2505.09388 [pdf, html, other]", is its paper's id, and so is
    arXiv's citation, "arXiv:2505.09388v2 [cs.CL]"; a line in brackets is read within
    them, and an address in angle brackets without them.)"""
    if listed := ARXIV_LISTING.fullmatch(text) or ARXIV_CITED.fullmatch(text):
        return (Link(number, "arXiv", None, listed["arxiv"]),)
    if BRACKETS.get(text[:1], "-") == text[-1:]:  # ("[2505.09388]", "(https://…)")
        return link_items(text[1:-1], number)
    if text[:1].isdigit() and (alone := ARXIV_ID_ALONE.fullmatch(text)):
        return (Link(number, "arXiv", None, alone["id"]),)
    if "<" in text:
        text = AUTOLINK.sub(r"\g<url>", text)
    links, at = [], 0
    while at < len(text):
        match = LINK_ITEM.match(text, at)
        if match is None or match.end() == at:
            return ()
        label = (match["label"] or "").strip()
        if not is_link_label(label) or (match["arxiv"] and "arxiv" not in label.lower()) or (
                match["schemeless"] and not label) or (
                match["doi"] and "doi" not in label.lower()):
            return ()
        # (a DOI after its label, "DOI: 10.48550/arXiv.2505.09388", is doi.org's address)
        url = (match["url"] or (match["schemeless"] and f"https://{match['schemeless']}")
               or (match["doi"] and f"https://doi.org/{match['doi']}"))
        url = url.rstrip(URL_TRAILER) if url else None
        links.append(Link(number, label, url, match["arxiv"]))
        at = match.end()
    return tuple(links)


def is_link_label(label: str) -> bool:
    """Whether the text before a link's colon can be its label: a few words, or a few
    Chinese characters (see `LABEL_WORDS_MAX`)."""
    return len(label.split()) <= LABEL_WORDS_MAX and sum(
        map(len, HAN_RUN.findall(label))) <= LABEL_HAN_MAX


def line_links(text: str, number: int) -> tuple[Link, ...]:
    """The links of a line of links (see `link_items`), its labels in bold perhaps
    ("**Code:** https://…") and its links in Markdown perhaps ("Links: [arXiv](https://…)
    | [Code](https://…)", "[[Paper](…)] [[Code](…)]"); else nothing."""
    if bullet := BULLET.match(text):  # ("- **arXiv**: […](…)" in a file of few bullets)
        text = text[bullet.end():]
    if "](" in text:
        text = plain_links(text)
    if "*" in text or "_" in text:  # (looking on every line took a fifth of reading one)
        text = EMPHASIZED_LABEL.sub(r"\g<label>\g<colon>", text)
    return link_items(without_pictographs(with_labelled_links(text)), number)


def plain_links(text: str) -> str:
    """A line's Markdown links as plain ones, "[Code](…)", where lists of papers wrap them:
    "[[Code](…)]", "[[Code]](…)", "([Code](…))", "**[Code](…)**", and a badge that links,
    "[![Stars](https://img.shields.io/…)](https://github.com/…)" as its alternative text."""
    if "[[" not in text and "([" not in text and "**[" not in text and "[![" not in text:
        return text
    return WRAPPED_LINK.sub(plain_link, text)


def plain_link(wrapped: re.Match) -> str:
    found = wrapped.groups()  # (the text and address of each form: one form's are set)
    text, url = next((found[at], found[at + 1]) for at in range(0, len(found), 2)
                     if found[at + 1])
    return f"[{text}]({url})"


def is_without_addresses(text: str) -> bool:
    """Whether a line is a line of links whose links have no address ("**论文链接：** []()",
    as a newsletter's script writes it for a paper it has no links of)."""
    if "]()" not in text:
        return False
    if "*" in text or "_" in text:
        text = EMPHASIZED_LABEL.sub(r"\g<label>\g<colon>", text)
    parts = EMPTY_MARKDOWN_LINK.split(text)
    return not WORD_CHARACTER.search(parts[-1]) and all(
        links_label(part) is not None for part in parts[:-1])


def with_labelled_links(text: str) -> str:
    """A line of Markdown links ("📄 [arXiv](https://…) | [Code](https://…)"), after labels
    of links perhaps ("Code: [GitHub](https://…)", "Links: [arXiv](…) [Code](…)"), as
    labels and addresses ("arXiv: https://… Code: https://…") for `link_items`, when it
    holds two links or more, or one whose text or label names a kind of link; else the
    line as it is (one link of other words is a title, "Paper: [Qwen3 Technical
    Report](…)" too: see `linked_title`)."""
    if "](" not in text:
        return text
    links = list(MARKDOWN_LINK.finditer(text))
    if not links or WORD_CHARACTER.search(text[links[-1].end():]):
        return text
    starts = [0, *(link.end() for link in links[:-1])]
    labels = [links_label(text[start: link.start()]) for start, link in zip(starts, links,
                                                                            strict=True)]
    if None in labels:
        return text
    texts = [without_pictographs(link["text"]).strip() for link in links]
    if len(links) == 1 and texts[0].lower() not in LINK_TEXT_WORDS and (
            not labels[0] or labels[0].lower() in TITLE_LABELS) and (
            not names_no_title(texts[0])):
        return text
    names = [link_name(label, words) for label, words in zip(labels, texts, strict=True)]
    return " ".join(f"{name}: {link['url']}" if name else link["url"]
                    for name, link in zip(names, links, strict=True))


def names_no_title(text: str) -> bool:
    """Whether the text of a link is an arXiv id ("2505.09388", "arXiv:2505.09388") or an
    address ("https://…", "huggingface.co/papers/2505.09388"): no title, whatever the
    label before it ("Paper: [arXiv:2505.09388](…)")."""
    return bool(ARXIV_CITED.fullmatch(text) or ARXIV_ID_ALONE.fullmatch(text)
                or ADDRESS_TEXT.fullmatch(text))


def link_name(label: str, text: str) -> str:
    """The label for `link_items` of a Markdown link after `label` (or none): the two when
    its text names a kind of link ("Paper arXiv"), else the label, else its text where a
    label can hold it (not an address: "[qwenlm.github.io](…)")."""
    if text.lower() in LINK_TEXT_WORDS:
        return f"{label} {text}".strip()
    return label or ("" if NO_LABEL.search(text) else text)


def links_label(text: str) -> str | None:
    """The label of links that `text` (what comes before a Markdown link on its line) ends
    with ("Code: ", "| 🔗 Links："), "" for none (separators only), or None for other
    words."""
    words = without_pictographs(text.strip(LINK_SEPARATORS)).strip(LINK_SEPARATORS)
    if not words:
        return ""
    if words[-1] not in ":：":
        return None
    label = words[:-1].strip()
    return label if names_links(label) else None


def names_links(label: str) -> bool:
    """Whether a label before Markdown links says that they are links: a kind of link
    ("Code", "论文"), links as such ("Links", "相关链接"), or a few words that end so
    ("论文地址", "Paper link": see `LINK_LABEL_ENDINGS`)."""
    lowered = label.lower()
    if lowered in LINK_TEXT_WORDS | LINKS_WORDS:
        return True
    words = lowered.split()
    return bool(words) and is_link_label(label) and (
        lowered.endswith(LINK_LABEL_ENDINGS) or words[-1] in LINK_LABEL_LAST_WORDS)


def linked_title(text: str, number: int) -> tuple[str, Link | None]:
    """A title written as a Markdown link to its paper ("[Qwen3 Technical
    Report](https://arxiv.org/abs/2505.09388)", in bold perhaps): its text, and its
    address as a link of line `number`; else the title as it is, and None."""
    # (the symbols that mark the line may stand after the link too: "🔥 [Title](…) 🔥")
    linked = without_trailing_pictographs(text)
    match = MARKDOWN_LINK.fullmatch(linked) if linked.startswith("[") else None
    if match is None or not match["text"].strip():
        return text, None
    return unbold(match["text"].strip()), Link(number, "", match["url"], None)


def without_pictographs(text: str) -> str:
    """A line's text without the symbols that mark what it is ("📄 Title", "🇨🇳 摘要…",
    "▶ Title"): emoji and other symbols, their variation selectors and joiners, keycaps
    ("1️⃣ Title", as posts number their papers), before its first letter, digit or mark,
    and inside the emphasis that opens it ("**🇨🇳 中文标题：** …", as models write a
    digest's labels)."""
    opening = EMPHASIS_OPENING.match(text)
    start = at = opening.end() if opening else 0
    while at < len(text):
        if keycap := KEYCAP.match(text, at):
            at = keycap.end()
        elif unicodedata.category(text[at]) == "So" or text[at] in PICTOGRAPH_JOINERS:
            at += 1
        else:
            break
    return text[:start] + text[at:] if at > start else text


def without_trailing_pictographs(text: str) -> str:
    """A text without the symbols after its last letter, digit or mark, and the spaces
    between them ("[Title](…) 🔥 ✨")."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in PICTOGRAPH_JOINERS
                   or unicodedata.category(text[end - 1]) in ("So", "Me")):
        end -= 1
    return text[:end]


def title_pair(text: str, secondary: frozenset[str]) -> tuple[str, str] | None:
    """A title in the primary language and its translation, parted by a bar, a slash or a
    dash, or the translation in brackets at the end; or the translation first, the title
    after it so ("Qwen3 技术报告（Qwen3 Technical Report）", as Chinese digests name a
    paper; a title of `REVERSED_TITLE_WORDS` words at least, not a term's letters:
    "检索增强生成（RAG）" is a translated title alone, "…优于基线（p < 0.05）" a translated
    abstract); None for a line that is not so. Of
    several such partings, the one whose first part is least in the secondary language's
    script ("Title | 面向 LLM 的 RL（强化学习）" parts at the bar, not before the brackets of
    the translation's own), then whose second part is most ("CRAG -- Comprehensive RAG
    Benchmark — CRAG 综合基准" parts at its second dash). (Titles end with "?" as sentences
    do: shape is no test here.)"""
    parts = [(text[:match.start()], text[match.end():])
             for match in TITLE_PAIR_SEPARATOR.finditer(text)]
    if match := TRAILING_TRANSLATION.search(text):
        parts.append((text[:match.start()], next(filter(None, match.groups()))))
    pairs, reversed_pairs = [], []
    for first, second in parts:
        first, second = unbold(first.strip()), unbold(second.strip())
        if not (first and second):
            continue
        shares = script_share(first, secondary), script_share(second, secondary)
        if shares[0] < PRIMARY_MAX and shares[1] >= SECONDARY_MIN:
            pairs.append((-shares[0], shares[1], first, second))
        elif (shares[1] < PRIMARY_MAX and shares[0] >= SECONDARY_MIN
              and len(LETTER_WORD.findall(second)) >= REVERSED_TITLE_WORDS):
            reversed_pairs.append((-shares[1], shares[0], second, first))
    return (max(pairs)[2:] if pairs else max(reversed_pairs)[2:] if reversed_pairs
            else None)


def unbold(text: str) -> str:
    """The text of a line that is bold as a whole ("**Qwen3 Technical Report**"), or in
    italics."""
    if text[:1] not in "*_":
        return text
    if match := BOLD_LINE.fullmatch(text):
        return match["text"].strip()
    if match := ITALIC_LINE.fullmatch(text):
        return (match["text"] or match["underscored"]).strip()
    return text


def field_label(text: str) -> tuple[str | None, str]:
    """The field a line's label names, and the text after the label; (None, text) for a
    line without one. A label with its translation in brackets ("摘要 (Abstract)：") is
    the label."""
    form = label_form(text)
    match = FIELD_LABEL.match(form) if LABEL_END.search(form, 0, LABEL_LENGTH_MAX) else None
    if match is None and (pair := LABEL_PAIR.match(form)) and FIELD_OF_LABEL.get(
            " ".join(pair["first"].lower().split())) == FIELD_OF_LABEL.get(
            " ".join(pair["second"].lower().split()), ""):
        return field_label(text[:pair.end("first")] + text[pair.end():])
    if match is None and DASH_START.match(form):
        match = DASH_LABEL.match(form)
    if match is None:
        return None, text
    return FIELD_OF_LABEL[" ".join(match["label"].lower().split())], text[match.end():].strip()


def without_language_label(text: str, secondary_script: frozenset[str]) -> str:
    """A line's text without a label that names its language only ("中文：论文标题",
    "English: Title"): a label that names the other language stays ("Chinese: A Benchmark
    …" may be an English title)."""
    form = label_form(text)
    match = LANGUAGE_LABEL.match(form) if LABEL_END.search(form, 0, LABEL_LENGTH_MAX) else None
    if match is None:
        return text
    rest = text[match.end():]
    in_secondary = script_of_language(LANGUAGE_OF_WORD[match["language"].lower()]) == (
        secondary_script)
    share = script_share(rest, secondary_script)
    holds_it = share >= SECONDARY_MIN if in_secondary else share < PRIMARY_MAX
    return rest if rest and holds_it else text


# Words of organisations' names, which no author's name holds: a line of names with one
# is a list of affiliations ("Hugging Face, Meta AI", "Alibaba Qwen, Stanford University").
ORGANISATION_WORDS = frozenset({
    "university", "univ", "institute", "institution", "lab", "labs", "laboratory",
    "laboratories", "research", "group", "team", "inc", "ltd", "llc", "corp", "corporation",
    "company", "college", "academy", "school", "center", "centre", "department", "dept",
    "faculty", "foundation", "hospital", "ai", "deepmind", "google", "meta", "microsoft",
    "openai", "anthropic", "alibaba", "tencent", "bytedance", "nvidia", "apple", "amazon",
    "huawei", "baidu", "samsung", "ibm", "intel", "adobe", "salesforce", "qwen", "deepseek",
    "face"})
# An organisation's name in Chinese, as a digest's line of an affiliation gives it: names
# that end as an organisation's do ("清华大学", "上海人工智能实验室", "阿里巴巴集团"), or a
# company's that Chinese digests name alone ("阿里", "字节跳动 Seed"), parted by "、", "&" …
# (no sentence's end or colon in a name: "一。大学" is a sentence and a word)
CHINESE_ORGANISATION = re.compile(
    r"(?:[^\s、,，&/;；。．.！!？?：:]*(?:大学|学院|研究院|研究所|实验室|研究中心|公司|集团|团队|科技)"
    r"|阿里(?:巴巴)?|腾讯|百度|字节(?:跳动)?|华为|微软|谷歌|商汤|旷视|智谱|月之暗面|深度求索"
    r"|智源|小米|美团|京东|快手|蚂蚁|网易|清华|北大|浙大|复旦|交大|中科院)"
    r"(?:\s+[A-Za-z][\w-]*)*")
ORGANISATION_WORDS_MAX = 6
ORGANISATIONS_LENGTH_MAX = 80
ORGANISATION_JOINERS = frozenset({"of", "and", "for", "the", "at", "de"})
# Words of papers' titles that no organisation's name has: "Qwen3 Technical Report" and
# "DeepSeek-V3 Technical Report" name a company's model, not the company.
TITLE_WORDS = frozenset({
    "report", "technical", "learning", "model", "models", "language", "languages",
    "benchmark", "benchmarks", "dataset", "datasets", "network", "networks", "generation",
    "reasoning", "agent", "agents", "transformer", "transformers", "diffusion", "towards",
    "toward", "via", "using", "with", "is", "are", "all", "you", "need", "scaling", "card",
    "system", "systems"})
# A subtitle's colon or a question's mark: a title's, which no organisation's name has.
TITLE_MARK = re.compile(r"[:：]\s|[?？]$")
ORGANISATIONS_PARTED = re.compile(r"\s*[、,，&/;；]\s*")


def is_organisation(text: str) -> bool:
    """Whether a line names organisations alone, in Chinese (see `CHINESE_ORGANISATION`)."""
    return len(text) <= 30 and all(CHINESE_ORGANISATION.fullmatch(part) for part in
                                   ORGANISATIONS_PARTED.split(label_form(text).strip()))


def names_organisations(text: str) -> bool:
    """Whether a line has the shape of organisations' names, in Chinese or in letters: a
    few capitalised words, one an organisation's ("Google DeepMind", "Shanghai AI Lab",
    "ByteDance Seed"), no colon nor question. (A title may too, "Meta Reinforcement
    Learning": only where a line's place leaves it either a title or an affiliation.)"""
    if len(text) > ORGANISATIONS_LENGTH_MAX:
        return False  # (most lines: quickly)
    if is_organisation(text):
        return True
    words = NAME_WORD.findall(text)
    return (0 < len(words) <= ORGANISATION_WORDS_MAX and not TITLE_MARK.search(text)
            and any(word.lower().strip(".") in ORGANISATION_WORDS for word in words)
            and all(word[0].isupper() or word.lower() in ORGANISATION_JOINERS
                    for word in words)
            and not any(word.lower() in TITLE_WORDS for word in words))


# A word of a person's name in Latin letters: "Jean-Baptiste", "O'Neil", "M.", "van".
NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[.'’-])*")
NAME_WORDS_MAX = 5
NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "del", "della",
                            "dos", "das", "le", "la", "bin", "binti", "al", "ibn", "y", "zu"})
INITIAL_MAX = 3  # ("M.", "Jr.")
# The endings of English nouns that no real author's name of the 4,921 has ("Extension,
# Runtime Operation, State Persistence" is an abstract's line, wrapped).
NOUN_ENDING = re.compile(r"\w{3}(?:tion|sion|ment|ity|ism|ogy|ness)$")
# Words of the field that no real author's name of the 4,141 of the daily papers' samples
# holds ("Trip Planning, Meeting Planning, and Calendar", "Large Language Models, Vision
# Transformers": a wrapped abstract's line, keywords).
FIELD_WORDS = frozenset({
    "learning", "model", "models", "language", "languages", "planning", "reasoning",
    "network", "networks", "vision", "agent", "agents", "diffusion", "transformer",
    "transformers", "data", "dataset", "datasets", "system", "systems", "benchmark",
    "benchmarks", "neural", "multimodal", "retrieval", "reinforcement", "inference",
    "training", "calendar", "meeting", "large", "graph", "graphs", "robot", "robotics",
    "video", "image", "images", "text", "speech", "audio", "code"})
# A list of names has a comma or the like ("A and B" alone may be a title's words).
LIST_SEPARATOR = re.compile(r"[,;，；、]")
# A long list of people may name a team among them ("Team GLM, Aohan Zeng, …"; three of
# the 554 real lists of several authors do): the share of people's names it needs (all
# of them in a list of fewer than ten).
AUTHORS_WITH_A_TEAM = 0.9


def is_author_list(text: str) -> bool:
    """Whether a line is a list of two or more people's names in letters, parted by
    commas or the like ("Shenzhi Wang, Le Yu, Chang Gao", "A. Smith, B. Jones and C. Li
    et al."), as a digest may give an entry's authors under its title without a label:
    each of at most five words, none of them an organisation's, and at least half of them
    of two words or more ("Cici" is a real author's name). A line of one name alone, two
    names joined by "and" (a title's words may be so), or Chinese names ("张三、李四",
    "阿里、腾讯") cannot be told from a title or an affiliation."""
    # (first, by counts alone: abstracts have more words a comma, Chinese text fewer)
    # ("Hong Wang,Zhezheng Hao": names parted by commas alone, as arXiv's listing gives them)
    pieces, word_count = (len(LIST_SEPARATOR.findall(text)) + 1,
                          len(LIST_SEPARATOR.sub(" ", text).split()))
    if not (pieces > 1 and 3 * pieces <= 2 * word_count <= 2 * NAME_WORDS_MAX * pieces):
        return False
    if LIST_SEPARATOR.match(text[-1:]):  # (a line that goes on: an abstract's, wrapped)
        return False
    names = [name.split() for name in author_names(text)]
    return (len(names) > 1 and 2 * sum(len(words) > 1 for words in names) >= len(names)
            and sum(map(is_persons_name, names)) >= AUTHORS_WITH_A_TEAM * len(names))


def is_persons_name(words: list[str]) -> bool:
    """Whether the words of a name may be a person's: at most five, capitalised but for
    the particles of names and one other at the most ("Mihaela van der Schaar"; "Chen
    chen" and "zhou Xun" are real authors' names as written), a full stop only after an
    initial ("Joshua M. Susskind"), none an organisation's (an initialism of two letters
    only in capitals: "Ai Jian" is a real author, "Meta AI" none) nor with a noun's
    ending (see `NOUN_ENDING`)."""
    lower = [word for word in words if not word[0].isupper() and word not in NAME_PARTICLES]
    return (len(words) <= NAME_WORDS_MAX and len(lower) < min(2, len(words)) and all(
        NAME_WORD.fullmatch(word) and (not word.endswith(".") or len(word) <= INITIAL_MAX)
        and not NOUN_ENDING.search(word) and word.lower() not in FIELD_WORDS
        and not (word.lower().strip(".") in ORGANISATION_WORDS
                 and (len(word) > 2 or word.isupper()))
        for word in words))


def author_names(text: str) -> tuple[str, ...]:
    """"A, B and C", "A; B", "张三、李四" as names ("A, B, et al." as A and B), without
    the marks after them that tie them to affiliations (see `AUTHOR_MARKS`)."""
    names = AUTHOR_SEPARATOR.split(MORE_AUTHORS.sub("", CARET_MARK.sub("", text)))
    return tuple(name for name in (AUTHOR_MARKS.sub("", part.strip()).strip()
                                   for part in names) if name)


def without_affiliation_marks(text: str) -> str:
    """A line of affiliations without the marks before each (see `AFFILIATION_MARK`): the
    names parted by semicolons ("¹Alibaba Group ²Tsinghua University": "Alibaba Group;
    Tsinghua University"); a line with none, as it is."""
    if not AFFILIATION_MARK.match(text):
        return text
    return "; ".join(name.strip() for name in AFFILIATION_MARK.split(text) if name.strip())


def translator_named(text: str) -> str | None:
    """What a line's label says made its text (see `Line.translated_by`), from the words
    in brackets after it."""
    form = label_form(text)
    match = FIELD_LABEL.match(form)
    qualifier = " ".join((match["qualifier"] or "").lower().split()) if match else ""
    if not qualifier:
        return None
    if qualifier in MACHINE_WORDS:
        return ""
    named = TRANSLATED_BY.fullmatch(qualifier)
    if named is None:
        return None
    if named["by"] in NOT_A_MACHINE:
        return None
    if named["by"] in MACHINE_WORDS or not re.search("[a-z]", named["by"]):
        return ""  # ("机器翻译", "谷歌翻译": a machine, no model's name)
    return text[match.start("qualifier"):match.end("qualifier")].strip()[
        :len(named["by"])].strip()  # (as written)


def section_label(text: str) -> str | None:
    """The field that a heading or a line in bold names by a label alone, without a colon
    ("## Abstract", "**摘要**", "### 中文摘要（机翻）"), or None."""
    label, rest = field_label(text + ":")
    return label if label and not rest else None


NOT_A_DAY = "not a day of the calendar"
"""The problem of a date that an input gives and that names no day (`--date` overrides
every such date: see `bitext.importer.plan_import`)."""


def day_of_line(text: str) -> dt.date | str | None:
    """The day of a line that holds a date only (the first of the month for a month), or
    of a Markdown heading or a day's caption that holds one day among its words ("##
    2025-05-14 Daily Papers", "HF Daily Papers 2025-05-14"); the line's text when its
    date names no day (2025-02-30); else None."""
    if "<" in text:  # ('# <img src="…/hf-logo.png"/> Hugging Face 2026-10-08 论文日报')
        text = HTML_TAG.sub("", text)
    if len(text) > DATE_LINE_MAX or not YEAR.search(text):
        return None  # (most lines: quickly)
    days = HEADING_DAY.findall(text) if HEADING.match(text) or is_day_caption(text) else []
    if len(days) == 1:
        year, month, day = (int(part) for part in filter(None, days[0]))
        return calendar_day(year, month, day, text)
    core = DATE_LABEL.sub("", text.strip(DATE_DECORATION), count=1)
    core = WEEKDAY_AROUND.sub("", core.strip(DATE_DECORATION + ":："))
    for form in DATE_FORMS:
        match = form.fullmatch(core.strip())
        if match:
            month = (MONTHS[match["name"][:3].lower()] if "name" in form.groupindex
                     else int(match["month"]))
            return calendar_day(int(match["year"]), month, int(match["day"] or 1), text)
    return None


def is_day_caption(text: str) -> bool:
    """Whether a line (of a date's length) has the shape of a day's caption: a few words,
    not a sentence, not numbered (see `DAY_CAPTION_WORDS_MAX`)."""
    return (not SENTENCE_END.search(text.rstrip()) and not NUMBERED.match(text)
            and len(WORD_OF_LETTERS.findall(HEADING_DAY.sub(" ", text)))
            <= DAY_CAPTION_WORDS_MAX)


def calendar_day(year: int, month: int, day: int, text: str) -> dt.date | str:
    """The day, or the line's `text` when its date names none (2025-02-30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return text
