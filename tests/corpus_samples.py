"""A small corpus of work-report texts written for the import tests, in the genre's style: the mastheads,
meeting lines and headings real reports use, around a few invented figures (not any region's real ones).
The file names say nothing about the report: region, level and year must come from the text."""
from __future__ import annotations

from pathlib import Path

PROVINCE = """下载
打印
【字号：
加大
】
2024年山东省政府工作报告
——2024年1月23日在山东省第十四届人民代表大会第二次会议上
来源：测试日报
时间：2024-01-30
山东省省长 某某某
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。
一、2023年工作回顾
过去一年，全省生产总值增长6.0%，一般公共预算收入增长4.1%，城镇新增就业120万人。
二、2024年工作安排
经济社会发展主要预期目标是：地区生产总值增长5%以上，一般公共预算收入增长3%左右，城镇新增就业110万人以上，城镇调查失业率5.5%左右，居民消费价格涨幅3%左右。
"""

DISTRICT = """政府工作报告
——2024年1月9日在市中区第十三届人民代表大会第三次会议上
区长 某某
各位代表：
现在，我代表区人民政府，向大会报告工作，请予审议。
一、2023年工作回顾
一年来，在枣庄市委、市政府和区委的坚强领导下，全区地区生产总值增长6.2%，一般公共预算收入增长5.3%。
二、2024年工作安排
今年全区经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%以上。
"""

COUNTY = """2024年滕州市政府工作报告
——2024年1月8日在滕州市第十八届人民代表大会第三次会议上
滕州市市长 某某
各位代表：
现在，我代表市人民政府向大会报告工作，请予审议。
一、2023年工作回顾
全市地区生产总值增长6.5%，固定资产投资增长8%。
二、2024年工作安排
主要预期目标是：地区生产总值增长6%左右，固定资产投资增长7%。
"""

NATION = """各位代表：

现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。

一、2023年工作回顾

过去一年，国内生产总值增长5.2%，城镇新增就业1244万人。

二、2024年经济社会发展总体要求和政策取向

今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。
"""

ABOLISHED = """2018年莱芜市政府工作报告
——2018年1月12日在莱芜市第十七届人民代表大会第二次会议上
市长 某某
各位代表：
现在，我代表市人民政府向大会报告工作。
一、2017年工作回顾
全市生产总值增长7.0%。
二、2018年工作安排
今年主要预期目标是：地区生产总值增长7%左右。
"""

NO_YEAR = """各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
过去一年，全县上下团结奋斗，各项工作取得新成效。
"""

# What each file must be imported as: (region, level, report year), or the words of its refusal.
FILES = {"0001.txt": PROVINCE, "0002.txt": DISTRICT, "0003.txt": COUNTY, "0004.txt": NATION,
         "0005.txt": ABOLISHED, "0006.txt": NO_YEAR, "0007.txt": ""}
EXPECTED = {"0001.txt": ("山东省", "province", 2024), "0002.txt": ("枣庄市市中区", "district", 2024),
            "0003.txt": ("枣庄市滕州市", "county", 2024), "0004.txt": ("全国", "nation", 2024),
            "0005.txt": ("莱芜市", "city", 2018)}
REFUSED = {"0006.txt": "report year cannot be told", "0007.txt": "empty"}


def write_corpus(folder: Path, files: dict[str, str] | None = None) -> Path:
    """The texts as UTF-8 files in `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (FILES if files is None else files).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder
