"""Writes the XLSForm fixtures in this folder, as a person would type them into a spreadsheet.

The .xlsx files are kept in the repository; this script only documents (and can regenerate)
what is in them. It uses openpyxl, a different writer from the one Yoriai exports with, so the
import is tested on files Yoriai did not write:  pip install openpyxl && python3 make_fixtures.py
"""

from openpyxl import Workbook


def book(path, sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


# An ODK-style form in groups: metadata, or_other, limits, yes/no, likert, a table-list matrix,
# ranking, and every relevant form Yoriai reads. Japanese in `label`, English as a translation.
book(
    "odk-community-centre.xlsx",
    [
        (
            "survey",
            [
                ["type", "name", "label", "label::English (en)", "hint", "required", "relevant",
                 "appearance", "constraint", "parameters", "required_message"],
                ["start", "start"],
                ["end", "end"],
                ["begin_group", "visits", "利用について", "Your visits", None, None, None, "field-list"],
                ["note", "visits_note", "市民センターについて伺います。", "About the community centre."],
                ["select_one freq", "freq", "どのくらい利用しますか", "How often do you go?", "一つ選んでください", "yes",
                 None, None, None, None, "必須です"],
                ["select_multiple reasons or_other", "reasons", "利用しない理由", "Why not?", None, "yes",
                 "selected(${freq}, 'rarely') or selected(${freq}, 'never')", None,
                 "count-selected(.) <= 2"],
                ["select_one yes_no", "parking", "車で来ますか", "Do you come by car?", None, None,
                 "${freq} = 'weekly' or ${freq} = 'monthly'"],
                ["end_group"],
                ["begin_group", "opinion", "ご意見", "Your views"],
                ["select_one agree", "sunday", "日曜も開けるべきだ", "It should open on Sundays", None, "yes",
                 None, "likert"],
                ["begin_group", "rate", "満足度", "Satisfaction", None, None, None, "table-list"],
                ["select_one stars3", "rate.rooms", "部屋", "Rooms", None, "yes"],
                ["select_one stars3", "rate.staff", "職員", "Staff", None, "yes"],
                ["end_group"],
                ["rank topics", "topics", "大切な順に", "Most important first", None, None, None, None,
                 None, "top=2"],
                ["integer", "visits_year", "年に何回", "Visits a year", None, None, "${freq} != ''", None,
                 ". >= 0 and . <= 365"],
                ["date", "last", "最後に行った日", "Last visit", None, None, None, None,
                 ". >= date('2020-01-01')"],
                ["text", "comment", "ご自由に", "Anything else", None, None, None, "multiline", "string-length(.) <= 500"],
                ["end_group"],
            ],
        ),
        (
            "choices",
            [
                ["list_name", "name", "label", "label::English (en)"],
                ["freq", "weekly", "毎週", "Weekly"],
                ["freq", "monthly", "毎月", "Monthly"],
                ["freq", "rarely", "ほとんど利用しない", "Rarely"],
                ["freq", "never", "利用したことがない", "Never"],
                ["reasons", "hours", "時間が合わない", "Opening hours"],
                ["reasons", "far", "遠い", "Too far"],
                ["reasons", "unknown", "知らない", "Did not know it"],
                ["yes_no", "yes", "はい", "Yes"],
                ["yes_no", "no", "いいえ", "No"],
                ["agree", "1", "そう思わない", "Disagree"],
                ["agree", "2", "あまりそう思わない", "Somewhat disagree"],
                ["agree", "3", "どちらともいえない", "Neither"],
                ["agree", "4", "ややそう思う", "Somewhat agree"],
                ["agree", "5", "そう思う", "Agree"],
                ["stars3", "bad", "不満", "Poor"],
                ["stars3", "ok", "普通", "OK"],
                ["stars3", "good", "満足", "Good"],
                ["topics", "kids", "子育て", "Children"],
                ["topics", "elderly", "高齢者", "Older people"],
                ["topics", "disaster", "防災", "Disasters"],
            ],
        ),
        (
            "settings",
            [
                ["form_title", "form_id", "version", "default_language"],
                ["市民センター利用調査（ODK版）", "odk_centre", "2026112501", "Japanese (ja)"],
            ],
        ),
    ],
)

# A KoboToolbox-style flat form: no groups, no settings sheet, TRUE() as required.
book(
    "kobo-flat.xlsx",
    [
        (
            "survey",
            [
                ["type", "name", "label", "required"],
                ["today", "today", None, None],
                ["select_one area", "area", "お住まいの地区", "TRUE()"],
                ["decimal", "distance", "最寄りの集会所までの距離（km）", "FALSE()"],
                ["text", "name_of_group", "参加している団体", None],
            ],
        ),
        (
            "choices",
            [
                ["list_name", "name", "label"],
                ["area", "north", "北方"],
                ["area", "south", "南方"],
                ["area", "numa", "沼"],
            ],
        ),
    ],
)

# What Yoriai cannot represent, one problem per row.
book(
    "unsupported.xlsx",
    [
        (
            "survey",
            [
                ["type", "name", "label", "label::Korean (ko)", "relevant", "choice_filter", "calculation"],
                ["begin_group", "g", "グループ"],
                ["geopoint", "where", "場所"],
                ["select_one missing", "pick", "選ぶ"],
                ["select_one area", "filtered", "地区", None, None, "region = 'north'"],
                ["integer", "age", "年齢", None, "${pick} > 3"],
                ["calculate", "twice", None, None, None, None, "${age} * 2"],
                ["note", "late_note", "途中の注意書き"],
                ["begin_repeat", "members", "家族"],
                ["text", "member", "名前"],
                ["end_repeat"],
            ],
        ),
        (
            "choices",
            [
                ["list_name", "name", "label"],
                ["area", "north", "北方"],
                ["area", "south", "南方"],
            ],
        ),
    ],
)
