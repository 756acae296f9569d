#!/usr/bin/env python3
"""Build the demo corpus that `manage.py seed_demo` loads: content/demo/demo_items.jsonl.

What it builds
    About 470 consumption-content items (deals, first-hand reviews, 小红书-style shopping notes,
    advertorials, vague low-information posts, Zhihu-style buying guides, Bilibili / Douyin video
    descriptions) from ten Chinese platforms, covering the 15 top-level interests of the app
    (数码, 家电, 美妆个护, 服饰鞋包, 食品饮料, 运动户外, 潮玩手办, 演出娱乐, 游戏, 图书, 旅行酒店,
    家居生活, 母婴, 宠物, 汽车). One JSON object per line, in the push-API item format of DESIGN.md
    (external_id, url, title, body, kind, published_at, author, price, original_price, currency,
    merchant, brand, product, expires_at, images, metrics), plus keys for the loader and for tests:

        source      the platform the item comes from (one demo source per platform)
        sponsored   true only for brand-paid posts that disclose it
        demo_role   first_hand_review | deal | note | advertorial | vague | copy | article | video
        age_hours   hours before the base date; published_at is BASE - age_hours, and the loader
                    shifts every date by (now - BASE) so the demo always looks fresh
        interest    ground-truth top-level interest slug (evaluation only; the loader ignores it)
        scenario    ground-truth scenario hints (evaluation only; the loader ignores it)
        copy_of     "<source>:<external_id>" of the original, on near-duplicate and exact copies

    BASE is 2026-11-22T12:00:00+08:00; expires_at is computed from the same base (some deals have
    already expired, some expire within hours, some within days).

From what
    * A hand-written catalogue of real brands and products with realistic prices, specs, pros and
      cons, and sentence pools per role; everything is combined with a seeded random generator,
      so the same --seed always gives the same file (stdlib only, no Django).
    * About 95 genuine user reviews sampled from the shopping-reviews file (one JSON per line:
      {"id", "category", "label", "text"}; categories 书籍 平板 手机 水果 洗发水 热水器 蒙牛 衣服
      计算机 酒店), used as the bodies of JD / Taobao / Pinduoduo / 大众点评 reviews in the matching
      interests, wrapped with plausible titles, authors and products.
    * About 35 copies of other items on purpose (reposts with "转发：" / "【转】" / "//@某某:",
      changed punctuation, an added emoji or hashtag, a few swapped words; plus 4 exact copies),
      each carried by a different source with its own external_id and url.

    Template items are generated with rejection sampling so that no two non-copy items are near
    copies of each other by accident (character 3-gram Jaccard below a threshold, see --check).

Licence note
    The real reviews come from the public "online_shopping_10_cats" corpus (SophonPlus
    ChineseNlpCorpus, https://github.com/SophonPlus/ChineseNlpCorpus), gathered from e-commerce
    sites and published without a stated licence. Only a modest sample (under 100 of its ~60,000
    reviews, about 0.2 %) is used, as short quotations for demonstration; the rest of the corpus is
    not redistributed. All author names, ids, urls and metrics here are invented.

Usage
    python content/demo/build_demo_corpus.py \\
        --reviews /work/shared/data/shopping_reviews/shopping_reviews.jsonl \\
        --out content/demo/demo_items.jsonl --seed 20261122
    python content/demo/build_demo_corpus.py --check --out content/demo/demo_items.jsonl
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import math
import os
import random
import re
import string
import sys

BASE = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
MAX_AGE_HOURS = 30 * 24 - 1

SOURCES = ("xiaohongshu", "douyin", "weibo", "zhihu", "bilibili", "jd", "taobao", "pinduoduo", "smzdm", "dianping")
ROLES = ("first_hand_review", "deal", "note", "advertorial", "vague", "copy", "article", "video")
KINDS = ("deal", "review", "note", "article", "video")
SCENARIOS = ("commute", "camping_trip", "gifting", "home_office", "festival", "travel", "fitness", "new_season")
INTERESTS = {
    "digital": "数码", "appliances": "家电", "beauty": "美妆个护", "fashion": "服饰鞋包", "food": "食品饮料",
    "outdoor": "运动户外", "toys": "潮玩手办", "entertainment": "演出娱乐", "games": "游戏", "books": "图书",
    "travel": "旅行酒店", "home": "家居生活", "baby": "母婴", "pets": "宠物", "auto": "汽车",
}
REQUIRED_KEYS = (
    "external_id", "url", "title", "body", "published_at", "age_hours", "author", "price", "original_price",
    "currency", "merchant", "brand", "product", "expires_at", "images", "metrics", "source", "sponsored",
    "demo_role", "interest", "scenario",
)
AUTHOR_KEYS = ("external_id", "name", "followers", "verified")
METRIC_KEYS = ("likes", "comments", "favorites", "shares", "views")

# Near-duplicate thresholds on character 3-gram Jaccard of the normalised title + text.
DISTINCT_MAX = 0.36   # two non-copy items must stay below this
COPY_MIN = 0.55       # a near copy must stay at or above this against its original
TITLE_MAX = 0.70      # two generated titles (2-gram Jaccard) must stay below this

# ---------------------------------------------------------------------------------------------
# Sub-categories: group slug -> (top-level interest, Chinese name)
# ---------------------------------------------------------------------------------------------

GROUPS = {
    "phones": ("digital", "手机"), "computers": ("digital", "笔记本电脑"), "tablets": ("digital", "平板"),
    "wearables": ("digital", "智能穿戴"), "cameras": ("digital", "相机"), "audio": ("digital", "耳机"),
    "water_heaters": ("appliances", "热水器"), "air_purifiers": ("appliances", "空气净化器"),
    "robot_vacuums": ("appliances", "扫地机器人"), "big_appliances": ("appliances", "大家电"),
    "cleaning": ("appliances", "清洁电器"),
    "skincare": ("beauty", "护肤"), "makeup": ("beauty", "彩妆"), "haircare": ("beauty", "洗护发"),
    "clothing": ("fashion", "服装"), "shoes": ("fashion", "鞋靴"), "bags": ("fashion", "包袋配饰"),
    "coffee": ("food", "咖啡"), "tea": ("food", "茶饮"), "wine": ("food", "酒水"), "snacks": ("food", "零食"),
    "fruit": ("food", "水果生鲜"), "dairy": ("food", "乳品"),
    "camping": ("outdoor", "露营装备"), "fishing": ("outdoor", "钓鱼装备"), "running": ("outdoor", "跑步装备"),
    "cycling": ("outdoor", "自行车"),
    "blind_boxes": ("toys", "盲盒"), "figures": ("toys", "手办模型"), "blocks": ("toys", "积木"),
    "concerts": ("entertainment", "演唱会"), "musicals": ("entertainment", "音乐剧话剧"),
    "livehouse": ("entertainment", "Livehouse"), "festivals": ("entertainment", "音乐节"),
    "otome": ("games", "乙女游戏"), "mobile_games": ("games", "手游"), "consoles": ("games", "游戏主机"),
    "game_cards": ("games", "游戏卡带"),
    "fiction": ("books", "文学小说"), "nonfiction": ("books", "社科经管"),
    "hotels": ("travel", "酒店"), "flights": ("travel", "机票"), "travel_gear": ("travel", "旅行装备"),
    "attractions": ("travel", "景点门票"),
    "furniture": ("home", "家具"), "bedding": ("home", "床品家纺"), "kitchen": ("home", "厨房用品"),
    "home_office": ("home", "居家办公"), "household": ("home", "日用百货"),
    "formula": ("baby", "奶粉"), "diapers": ("baby", "纸尿裤"), "baby_gear": ("baby", "婴童用品"),
    "kids_clothing": ("baby", "童装"),
    "cat_food": ("pets", "猫粮"), "dog_food": ("pets", "狗粮"), "litter": ("pets", "猫砂"),
    "pet_gear": ("pets", "宠物用品"), "pet_health": ("pets", "宠物驱虫"),
    "ev": ("auto", "新能源车"), "car_accessories": ("auto", "汽车用品"), "car_service": ("auto", "养车服务"),
}

INTEREST_META = {
    "digital": dict(tags=["数码好物", "数码测评", "科技改变生活", "开箱"], aud=["学生党", "打工人", "摄影爱好者", "数码发烧友", "预算有限的人"],
                    crit=["芯片性能", "续航", "屏幕素质", "影像", "系统生态", "售后保修", "重量手感"], emoji="📱💻🎧📷⌚️"),
    "appliances": dict(tags=["家电推荐", "装修攻略", "家电好物", "新房装修"], aud=["刚装修的新家", "三口之家", "租房党", "养宠家庭", "怕麻烦的懒人"],
                       crit=["能效等级", "噪音", "耗材成本", "安装条件", "售后网点"], emoji="🏠🧹🌬️🚿"),
    "beauty": dict(tags=["护肤分享", "美妆分享", "成分党", "空瓶记"], aud=["干皮", "油痘肌", "敏感肌", "熬夜党", "学生党"],
                   crit=["成分", "肤质匹配", "质地", "性价比", "正品渠道"], emoji="💄🧴✨💆‍♀️"),
    "fashion": dict(tags=["每日穿搭", "OOTD", "秋冬穿搭", "平价穿搭"], aud=["通勤上班族", "小个子", "微胖身材", "学生党", "男生"],
                    crit=["面料", "版型", "尺码", "做工", "保暖性"], emoji="👗👟🧥👜"),
    "food": dict(tags=["美食分享", "吃货日常", "打工人的快乐", "囤货清单"], aud=["上班族", "嘴馋的人", "健身党", "一家老小", "送长辈"],
                 crit=["配料表", "口感", "保质期", "产地", "单价"], emoji="☕️🍵🍷🍊🥛"),
    "outdoor": dict(tags=["露营装备", "户外运动", "跑步", "骑行日记"], aud=["露营新手", "周末户外党", "跑步入门者", "通勤骑行族", "钓鱼佬"],
                    crit=["重量", "耐用性", "收纳体积", "防水等级", "价格"], emoji="🏕️⛺️🏃🚴🎣"),
    "toys": dict(tags=["泡泡玛特", "盲盒", "手办", "潮玩开箱"], aud=["潮玩入坑新人", "收藏党", "送朋友", "拼装爱好者"],
                 crit=["做工涂装", "隐藏款概率", "二手溢价", "正版授权"], emoji="🧸🎁🤖✨"),
    "entertainment": dict(tags=["演唱会", "音乐剧", "livehouse", "看演出"], aud=["第一次看演出的人", "老歌迷", "带父母的人", "学生"],
                          crit=["座位视野", "音响效果", "票价档位", "交通散场"], emoji="🎤🎫🎶🎭"),
    "games": dict(tags=["乙女游戏", "游戏推荐", "Switch", "主机游戏"], aud=["乙游女孩", "上班族玩家", "手残党", "主机玩家", "学生党"],
                  crit=["剧情", "画面", "氪金程度", "肝度", "耐玩度"], emoji="🎮💌🕹️👾"),
    "books": dict(tags=["读书笔记", "好书推荐", "书单", "阅读打卡"], aud=["通勤路上读书的人", "读书小白", "学生", "职场人"],
                  crit=["内容深度", "翻译质量", "装帧", "阅读门槛"], emoji="📚📖✍️"),
    "travel": dict(tags=["旅行攻略", "酒店推荐", "旅行好物", "周末去哪儿"], aud=["带娃家庭", "出差党", "情侣", "特种兵旅行"],
                   crit=["位置交通", "性价比", "早餐", "取消政策"], emoji="✈️🏨🧳🌊"),
    "home": dict(tags=["家居好物", "租房改造", "居家日常", "厨房好物"], aud=["租房党", "新婚小家", "独居青年", "宝妈"],
                 crit=["材质", "尺寸", "清洁难度", "耐用性"], emoji="🛋️🏡🕯️🍳"),
    "baby": dict(tags=["母婴好物", "育儿经验", "新手妈妈", "宝妈日常"], aud=["新手爸妈", "二胎家庭", "背奶妈妈", "带娃出门的家庭"],
                 crit=["安全性", "配方成分", "尺码", "清洗消毒"], emoji="👶🍼🧷"),
    "pets": dict(tags=["猫咪日常", "养猫", "铲屎官", "狗狗日常"], aud=["新手铲屎官", "多猫家庭", "上班族铲屎官", "挑食猫主子"],
                 crit=["配料表", "蛋白质含量", "适口性", "性价比"], emoji="🐱🐶🐾"),
    "auto": dict(tags=["新能源汽车", "提车日记", "汽车用品", "用车经验"], aud=["首购家庭", "通勤族", "增换购用户", "长途自驾党"],
                 crit=["续航能耗", "空间", "智驾", "保值率", "售后"], emoji="🚗⚡️🔋"),
}

CITIES = ["上海", "北京", "广州", "深圳", "杭州", "成都", "南京", "武汉", "西安", "重庆", "苏州", "长沙", "厦门", "青岛", "天津"]


def P(g, c, slug, brand, name, price, orig, merch, specs, pros, cons, sc="", thing="goods", cur="CNY"):
    interest = GROUPS[g][0]
    return dict(g=g, c=c, slug=slug, brand=brand, name=name, price=price, orig=orig, merch=merch.split("|"),
                specs=specs.split("|"), pros=pros.split("|"), cons=cons.split("|"),
                sc=[s for s in sc.split("|") if s], thing=thing, cur=cur, interest=interest)


# ---------------------------------------------------------------------------------------------
# Catalogue. {r:a-b} and {f:a-b} are filled with a random integer / one-decimal number per use.
# ---------------------------------------------------------------------------------------------

CATALOGUE = [
    # digital / phones
    P("phones", "手机", "iphone-17-pro", "Apple", "iPhone 17 Pro 256GB", 7999, 8999, "京东自营|Apple Store 官方旗舰店|拼多多百亿补贴",
      "重度使用一天下来还剩{r:15-28}%电|机身重量{r:200-206}g，单手握持还行|5 倍长焦拍演唱会能看清舞台表情|30 分钟能充到{r:50-58}%|连续打游戏{r:25-40}分钟机身温度{r:41-45}℃",
      "影像调色自然|iOS 生态丝滑|做工扎实|视频防抖很稳", "充电速度一般|夏天打游戏发热明显|256G 起步价不便宜", "commute|gifting"),
    P("phones", "手机", "mate-70-pro", "华为", "Mate 70 Pro 12+512GB", 6499, 6999, "华为官方旗舰店|京东自营|天猫旗舰店",
      "5500mAh 电池续航{r:10-13}小时|100W 有线快充{r:28-35}分钟充满|机身重{r:218-222}g|在山里没信号时卫星通信能发消息|逆光人像细节清楚",
      "信号好，地库电梯都有格|鸿蒙流畅|拍照色准|卫星通信有安全感", "部分应用还在适配|机身偏重|镜头模组凸起明显", "commute|travel"),
    P("phones", "手机", "xiaomi-15-ultra", "小米", "15 Ultra 16+512GB", 6499, 6999, "小米商城|京东自营|天猫旗舰店",
      "2 亿像素潜望长焦拍鸟够用|一英寸主摄夜景噪点少|续航约{r:8-11}小时|90W 快充{r:35-42}分钟充满|重量{r:226-229}g",
      "影像系统强|屏幕亮度高|摄影套装手感好", "重|摄像头凸起大|系统广告要手动关", "travel"),
    P("phones", "手机", "vivo-x200-pro", "vivo", "X200 Pro 16+512GB", 5499, 5999, "vivo 官方旗舰店|京东自营|拼多多百亿补贴",
      "6000mAh 电池重度使用{r:11-14}小时|蔡司长焦演唱会 10 倍还能用|机身重{r:223-228}g|90W 快充{r:38-45}分钟充满",
      "续航扎实|长焦很能打|屏幕护眼", "系统动画偏慢|机身有点厚", "travel|commute"),
    P("phones", "手机", "redmi-k80", "小米", "Redmi K80 12+256GB", 1999, 2499, "小米商城|京东自营|拼多多百亿补贴",
      "6550mAh 大电池重度用一天半|2K 直屏看视频很清楚|原神 60 帧跑{r:30-45}分钟平均帧率{f:58.5-59.8}|重量{r:204-210}g",
      "性价比高|续航猛|屏幕素质好", "影像一般|塑料中框|系统预装软件多", "commute"),
    P("phones", "手机", "oneplus-13", "一加", "13 16+512GB", 4699, 4899, "一加官方旗舰店|京东自营",
      "6000mAh 冰川电池续航{r:11-13}小时|100W 快充|IP69 防水泼溅|屏幕峰值亮度{r:1500-1600}nit",
      "手感好|屏幕素质顶|游戏稳帧", "影像算法偏艳|品牌线下售后少", "commute"),
    # digital / computers
    P("computers", "笔记本电脑", "macbook-air-m4", "Apple", "MacBook Air 13 英寸 M4 16+256GB", 6499, 7999, "京东自营|Apple Store 官方旗舰店|拼多多百亿补贴",
      "整机重量{f:1.2-1.3}kg|无风扇设计，剪辑 4K 时机身温度{r:38-44}℃|办公续航{r:13-16}小时|16GB 统一内存开二十个网页不卡",
      "安静|续航长|屏幕和扬声器好", "接口少|256G 硬盘不够用|外接只能两台显示器", "home_office|commute"),
    P("computers", "笔记本电脑", "thinkpad-x1", "联想", "ThinkPad X1 Carbon Ultra 7", 9999, 12999, "联想官方旗舰店|京东自营",
      "重量只有{f:1.08-1.12}kg|续航{r:8-10}小时|2.8K OLED 屏|键盘键程{f:1.4-1.6}mm",
      "键盘手感顶|轻|商务感强|接口齐全", "价格高|OLED 屏有频闪|扬声器一般", "home_office|commute"),
    P("computers", "笔记本电脑", "legion-y9000p", "联想", "拯救者 Y9000P 2024 i9/RTX4060", 7999, 8999, "联想官方旗舰店|京东自营|天猫旗舰店",
      "RTX4060 满功耗 140W|黑神话 2K 高画质平均{r:70-85}帧|整机重量{f:2.4-2.6}kg|拔电续航只有{r:3-5}小时|满载风扇噪音{r:48-54}分贝",
      "性能释放强|散热好|屏幕 240Hz", "重|适配器像板砖|续航短", "home_office"),
    P("computers", "笔记本电脑", "matebook-x-pro", "华为", "MateBook X Pro 2024", 9999, 11999, "华为官方旗舰店|京东自营",
      "整机重量{r:975-985}g|3.1K OLED 屏|续航{r:9-12}小时|和华为手机多屏协同拖文件很快",
      "轻到离谱|屏幕漂亮|生态协同方便", "接口少|长时间高负载会降频", "commute|home_office"),
    P("computers", "台式主机", "mac-mini-m4", "Apple", "Mac mini M4 16+256GB", 3399, 4499, "京东自营|Apple Store 官方旗舰店",
      "机身只有 12.7 厘米见方|待机功耗{r:4-6}W|导出 10 分钟 4K 视频用了{r:3-6}分钟|满载几乎听不到风扇声",
      "小巧|安静|国补后价格香", "电源键在底部|内存硬盘加价贵", "home_office"),
    # digital / tablets
    P("tablets", "平板", "ipad-air-m3", "Apple", "iPad Air 11 英寸 M3 128GB", 4099, 4799, "京东自营|Apple Store 官方旗舰店|拼多多百亿补贴",
      "Apple Pencil Pro 记笔记延迟很低|重量{r:458-462}g|看视频续航{r:9-11}小时|GoodNotes 里一学期的笔记也不卡",
      "记笔记体验好|性能过剩|配件生态全", "60Hz 屏幕|128G 不够用|配件贵", "home_office|commute"),
    P("tablets", "平板", "matepad-pro-13", "华为", "MatePad Pro 13.2 英寸", 4699, 5199, "华为官方旗舰店|京东自营",
      "柔光屏在阳台晒太阳也看得清|星闪手写笔延迟低|续航{r:10-12}小时|重量{r:578-585}g",
      "屏幕大|柔光版护眼|办公套件好用", "部分平板应用没适配|重", "home_office"),
    P("tablets", "平板", "xiaomi-pad-7-pro", "小米", "平板7 Pro 8+256GB", 1899, 2299, "小米商城|京东自营|天猫旗舰店",
      "3.2K 144Hz 屏幕|看剧续航{r:12-15}小时|重量{r:495-502}g|67W 快充{r:70-85}分钟充满",
      "性价比高|屏幕流畅|追剧利器", "生产力软件少|扬声器一般", "commute"),
    # digital / wearables
    P("wearables", "智能手表", "apple-watch-s10", "Apple", "Watch Series 10 GPS 42mm", 2399, 2999, "京东自营|Apple Store 官方旗舰店",
      "续航{r:30-36}小时|睡眠呼吸暂停提醒|重量 {r:30-33}g 左右|跑步配速和佳明对比误差{r:2-6}秒",
      "屏幕大了一圈|健康功能全|和 iPhone 配合好", "一天一充|只能配 iPhone", "fitness|gifting"),
    P("wearables", "智能手表", "huawei-watch-gt5", "华为", "Watch GT 5 46mm", 1288, 1488, "华为官方旗舰店|京东自营|天猫旗舰店",
      "续航{r:10-14}天|跑步轨迹和实际路线基本重合|心率和胸带对比误差{r:2-5}次|重量{r:47-49}g",
      "续航长|颜值高|运动数据准", "第三方应用少|微信只能看不能回", "fitness"),
    P("wearables", "手环", "xiaomi-band-9", "小米", "手环 9 NFC 版", 199, 249, "小米商城|京东自营|拼多多百亿补贴",
      "续航{r:14-18}天|心率和 Apple Watch 对比误差 ±{r:2-5} 次|NFC 刷地铁很快|重量只有{r:15-16}g",
      "便宜|续航长|刷公交方便", "屏幕小|运动模式精度一般", "fitness|commute"),
    # digital / cameras
    P("cameras", "相机", "osmo-pocket-3", "大疆", "Osmo Pocket 3 全能套装", 3999, 4499, "大疆官方旗舰店|京东自营|天猫旗舰店",
      "一英寸 CMOS 夜景噪点控制好|4K120fps 慢动作|重量{r:179-180}g|续航{r:110-140}分钟",
      "口袋里就能装下|防抖稳|出片快", "长时间录 4K 会发热|套装配件贵", "travel|camping_trip"),
    P("cameras", "相机", "sony-a7c2", "索尼", "A7C II 套机（28-60mm）", 13299, 14999, "索尼官方旗舰店|京东自营",
      "3300 万像素|AI 对焦追眼追鸟|机身重{r:512-515}g|一块电池拍了{r:380-520}张",
      "小巧全画幅|对焦准|视频规格够用", "单卡槽|取景器小|镜头贵", "travel"),
    P("cameras", "相机", "fujifilm-x100vi", "富士", "X100VI", 11590, 11590, "富士官方旗舰店|京东自营|淘宝",
      "4020 万像素|内置六档防抖|胶片模拟直出不用修图|一块电池拍{r:260-340}张",
      "直出色彩好看|颜值高|随手拍", "溢价严重|定焦不灵活|续航短", "travel|gifting"),
    P("cameras", "无人机", "dji-mini-4-pro", "大疆", "Mini 4 Pro 畅飞套装", 5388, 5788, "大疆官方旗舰店|京东自营",
      "起飞重量 249g 以下|全向避障|图传{r:10-15}公里没断|单块电池飞{r:28-33}分钟",
      "小巧|避障可靠|画质好", "套装贵|风大时抖动|禁飞区多", "travel"),
    P("cameras", "运动相机", "insta360-x4", "影石", "Insta360 X4", 2999, 3499, "影石官方旗舰店|京东自营|天猫旗舰店",
      "8K 全景|续航{r:120-135}分钟|隐形自拍杆效果自然|骑行时防抖稳",
      "全景后期自由|防抖强|适合骑行滑雪", "文件大|剪辑吃手机性能", "travel|fitness|camping_trip"),
    # digital / audio
    P("audio", "耳机", "airpods-pro-2", "Apple", "AirPods Pro 2（USB-C）", 1399, 1899, "京东自营|Apple Store 官方旗舰店|拼多多百亿补贴",
      "地铁里开降噪基本听不到报站|单次续航{r:5-6}小时|通透模式很自然|充电盒用 USB-C 终于统一了",
      "降噪强|佩戴舒适|和 iPhone 切换无缝", "音质只能说够用|安卓用户功能少", "commute|gifting"),
    P("audio", "耳机", "sony-wh1000xm5", "索尼", "WH-1000XM5", 1999, 2999, "索尼官方旗舰店|京东自营|天猫旗舰店",
      "降噪开满地铁里只剩轻微底噪|续航{r:28-32}小时|重量{r:249-251}g|戴{r:2-4}小时耳朵才开始热",
      "降噪顶级|续航长|通话清晰", "不能折叠|夏天闷热|价格高", "commute|travel|home_office"),
    P("audio", "耳机", "freebuds-pro-4", "华为", "FreeBuds Pro 4", 1199, 1499, "华为官方旗舰店|京东自营",
      "降噪深度够用|单次续航{r:6-7}小时|双连接手机电脑切换快|无损传输需要华为手机",
      "音质好|佩戴稳|和华为设备联动好", "非华为手机功能缩水|充电盒容易刮花", "commute"),
    P("audio", "耳机", "bose-qc-ultra", "Bose", "QuietComfort Ultra 消噪耳机", 2299, 3299, "Bose 官方旗舰店|京东自营",
      "飞机上降噪后发动机声只剩一点嗡嗡声|续航{r:22-24}小时|重量{r:250-254}g|沉浸音频效果明显",
      "降噪顶|佩戴很舒服|做工好", "续航一般|价格高", "travel|commute"),
    P("audio", "耳机", "edifier-w820nb", "漫步者", "W820NB 双金标版", 229, 299, "漫步者官方旗舰店|京东自营|拼多多百亿补贴",
      "续航{r:45-50}小时|降噪在公交上够用|重量{r:255-260}g|支持 LDAC",
      "便宜|续航长|入门降噪够用", "做工一般|降噪不如大牌", "commute"),
    # appliances
    P("water_heaters", "电热水器", "midea-water-heater-60l", "美的", "60 升电热水器 一级能效 3300W 速热", 1099, 1599, "京东自营|美的官方旗舰店|苏宁易购",
      "3300W 速热，{r:30-40}分钟烧到 60℃|一级能效，每月电费约{r:20-35}元|两个人连续洗澡水温不降|镁棒可视化，APP 提醒更换",
      "出水量大|APP 预约方便|安装师傅专业", "需要 4 平方线|体积大挂墙占地方|安装辅材另收费", "new_season"),
    P("water_heaters", "燃气热水器", "aosmith-gas-16l", "A.O.史密斯", "16 升燃气热水器 零冷水", 3399, 4299, "京东自营|A.O.史密斯官方旗舰店",
      "零冷水预热后{r:5-12}秒出热水|恒温效果好，水温波动不到 1℃|运行噪音{r:40-45}分贝|冬天进水 5℃ 也能稳定 45℃ 出水",
      "恒温稳|零冷水省水|售后口碑好", "价格贵|预热回水管要提前规划", "new_season"),
    P("water_heaters", "燃气热水器", "haier-gas-16l", "海尔", "16 升燃气热水器 JSQ30 水伺服恒温", 1699, 2299, "京东自营|海尔官方旗舰店|拼多多百亿补贴",
      "水伺服恒温|开关水{r:3-6}次水温基本不变|冬季最低温 10℃ 进水也能用|安装{r:1-2}小时搞定",
      "性价比高|安装快|恒温不错", "屏幕在强光下看不清|烟管要另外买", "new_season"),
    P("water_heaters", "燃气热水器", "rinnai-16l", "林内", "16 升燃气热水器 恒温款", 2699, 3199, "林内官方旗舰店|京东自营",
      "日本品牌做工细|{r:2-3}个水龙头同时用也够|静音燃烧，厨房里几乎听不到|恒温误差 ±{f:0.5-1.0}℃",
      "耐用|安静|稳定", "功能少|价格偏高", "new_season"),
    P("air_purifiers", "空气净化器", "mijia-purifier-4pro", "小米", "米家空气净化器 4 Pro", 899, 1299, "小米商城|京东自营|拼多多百亿补贴",
      "CADR 500m³/h|滤芯寿命约{r:6-9}个月|睡眠模式{r:30-33}分贝|PM2.5 从{r:80-120}降到个位数用了{r:12-20}分钟",
      "净化快|APP 联动|滤芯便宜", "噪音在高档时明显|外观普通", "new_season|home_office"),
    P("air_purifiers", "空气净化器", "dyson-tp10", "戴森", "空气净化风扇 TP10", 3290, 4490, "戴森官方旗舰店|京东自营",
      "夏天当风扇冬天当净化器|甲醛实时显示|最高档噪音{r:55-60}分贝|滤网寿命{r:10-12}个月",
      "颜值高|二合一省空间|检测数据直观", "滤网贵|净化速度不如专业净化器", "new_season|home_office"),
    P("air_purifiers", "空气净化器", "blueair-7470i", "Blueair", "布鲁雅尔 7470i 空气净化器", 3799, 4999, "Blueair 官方旗舰店|京东国际",
      "适用面积{r:35-60}平米|除甲醛数据实测{r:40-60}%下降|静音档只有{r:24-27}分贝|滤网半年一换",
      "安静|除醛快|适合新房", "滤网贵|体积大", "new_season"),
    P("robot_vacuums", "扫地机器人", "roborock-p10s-pro", "石头", "P10S Pro 自清洁扫拖机器人", 2999, 3999, "石头官方旗舰店|京东自营|拼多多百亿补贴",
      "吸力 10000Pa|基站热水洗拖布{r:60-75}℃|越障高度{r:2-4}cm|一次能扫完{r:90-130}平米",
      "避障聪明|拖地干净|基站自动上下水", "基站占地方|地毯边缘偶尔卡住", "home_office"),
    P("robot_vacuums", "扫地机器人", "ecovacs-t30-pro", "科沃斯", "T30 PRO 扫拖一体机器人", 3199, 4499, "科沃斯官方旗舰店|京东自营",
      "滚筒拖布边走边洗|贴边清洁{r:1-2}cm 死角|识别袜子数据线成功率很高|集尘袋{r:45-60}天换一次",
      "拖地强|贴边好|语音助手好用", "APP 广告多|耗材贵", "home_office"),
    P("robot_vacuums", "扫地机器人", "dreame-x40-ultra", "追觅", "X40 Ultra", 4699, 6299, "追觅官方旗舰店|京东自营|天猫旗舰店",
      "机械臂能伸出去擦墙角|拖布自动拆装，去地毯前会卸下|吸力 12000Pa|一次满电扫{r:150-200}平米",
      "功能全|清洁彻底|适合大户型", "价格高|机身高度钻不进矮沙发", "home_office"),
    P("robot_vacuums", "扫地机器人", "narwal-j5", "云鲸", "J5 扫拖机器人", 3599, 4599, "云鲸官方旗舰店|京东自营",
      "脏污识别后自动复拖|基站{r:55-65}℃热风烘干|毛发防缠绕滚刷|静音模式{r:52-56}分贝",
      "拖地最干净|养宠家庭友好", "扫的路径偏保守|价格偏高", ""),
    P("big_appliances", "冰箱", "haier-fridge-510", "海尔", "510 升十字对开门冰箱 一级能效", 3699, 4999, "京东自营|海尔官方旗舰店|苏宁易购",
      "一天耗电{f:0.8-1.1}度|母婴专区控温到 0.1℃|嵌入式安装只要预留{r:5-10}mm|运行噪音{r:34-37}分贝",
      "容量大|嵌入好看|保鲜效果好", "门封条易脏|制冰要另买", "festival"),
    P("big_appliances", "洗衣机", "littleswan-benshe", "小天鹅", "本色 洗烘套装 10kg", 4999, 6999, "京东自营|小天鹅官方旗舰店",
      "热泵烘干{r:45-55}℃不伤衣服|洗烘一套{r:3-4}小时|自动投放省心|烘完羽绒服蓬松",
      "颜值高|烘干不伤衣|智能投放", "洗烘一体耗时长|机身深", "new_season"),
    P("big_appliances", "空调", "midea-ac-15", "美的", "酷省电 1.5 匹新一级能效空调", 2399, 3199, "京东自营|美的官方旗舰店|拼多多百亿补贴",
      "制热{r:3-5}分钟出热风|开一晚耗电{f:2.5-4.0}度|睡眠模式{r:20-24}分贝|自清洁",
      "省电|安静|安装快", "外机噪音偏大|遥控器塑料感重", "new_season|home_office"),
    P("big_appliances", "洗碗机", "fotile-e5", "方太", "E5 水槽洗碗机", 5399, 6999, "方太官方旗舰店|京东自营",
      "一键果蔬清洗|洗一次用水{r:8-12}升|不用改橱柜|80℃ 高温除菌",
      "水槽一体省空间|洗得干净", "容量偏小|价格高", "festival"),
    P("cleaning", "吸尘器", "dyson-v12", "戴森", "V12 Detect Slim 无绳吸尘器", 3190, 4490, "戴森官方旗舰店|京东自营",
      "激光显尘地板缝灰尘无处躲|续航{r:45-60}分钟|整机重量{f:2.1-2.3}kg|颗粒检测屏幕显示灰尘数量",
      "轻|吸力强|显尘爽", "尘杯小|贵|电池换新价格高", ""),
    # beauty
    P("skincare", "精华", "estee-lauder-anr", "雅诗兰黛", "特润修护肌活精华露（小棕瓶）50ml", 720, 960, "雅诗兰黛官方旗舰店|京东自营|天猫国际",
      "连用{r:3-6}周熬夜后的暗沉改善|一瓶 50ml 早晚用{r:55-70}天|质地稀薄好吸收",
      "修护强|熬夜救星|不搓泥", "香味偏重|价格贵", "gifting|new_season"),
    P("skincare", "精华", "lancome-genifique", "兰蔻", "精华肌底液（小黑瓶）50ml", 760, 1080, "兰蔻官方旗舰店|京东自营|天猫旗舰店",
      "上脸{r:1-3}秒吸收|连用{r:4-8}周肤色更均匀|敏感期用也没刺痛",
      "温和|保湿|肤感清爽", "效果偏慢|有香精", "gifting|new_season"),
    P("skincare", "精华", "proya-double-resist", "珀莱雅", "双抗精华 3.0 30ml", 219, 369, "珀莱雅官方旗舰店|天猫旗舰店|拼多多百亿补贴",
      "熬夜后第二天暗沉改善{r:1-2}个色号|连用{r:3-5}周痘印变淡|质地水润不黏",
      "性价比高|抗氧化|国货之光", "偶尔有点刺激|瓶身滴管不好控量", "new_season"),
    P("skincare", "精华", "skinceuticals-ce", "修丽可", "CE 抗氧化精华 30ml", 1080, 1390, "修丽可官方旗舰店|京东自营",
      "15% 维 C|用了{r:4-8}周肤色提亮|开封后{r:2-3}个月颜色变深",
      "抗氧化强|提亮明显", "有酸味|容易氧化|贵", "new_season"),
    P("skincare", "面霜", "winona-cream", "薇诺娜", "舒敏保湿特护霜 50g", 178, 268, "薇诺娜官方旗舰店|京东自营|拼多多百亿补贴",
      "换季泛红{r:2-4}天消下去|敷完面膜厚涂第二天不闷痘|无香精",
      "温和|修护屏障|敏感肌友好", "冬天不够滋润|包装朴素", "new_season"),
    P("skincare", "修复霜", "lrp-b5", "理肤泉", "B5 多效修复霜 40ml", 125, 178, "理肤泉官方旗舰店|京东自营",
      "刷酸后刺痛{r:1-2}天缓解|厚涂当面膜|口罩闷出的小痘{r:3-5}天平复",
      "修护快|全家能用", "质地偏厚|白白的不好推开", "new_season"),
    P("makeup", "口红", "ysl-lipstick-1966", "YSL 圣罗兰", "小金条方管口红 #1966", 330, 420, "YSL 官方旗舰店|京东自营|天猫旗舰店",
      "哑光但不拔干|吃饭后还剩{r:40-60}%|黄皮涂显白",
      "颜色高级|包装有质感|送礼体面", "容易沾杯|唇纹明显时会卡", "gifting"),
    P("makeup", "粉底液", "armani-power-fabric", "阿玛尼", "权力粉底液 30ml", 520, 620, "阿玛尼美妆官方旗舰店|京东自营",
      "持妆{r:8-10}小时不斑驳|混油皮中午才轻微出油|2 号色适合黄一白",
      "遮瑕好|持久|服帖", "干皮会卡粉|色号少", "commute"),
    P("makeup", "修容", "judydoll-contour", "彩棠", "三色修容盘", 139, 179, "彩棠官方旗舰店|天猫旗舰店|拼多多百亿补贴",
      "粉质细腻不飞粉|新手{r:3-5}分钟就能画出自然阴影|一盘能用{r:6-10}个月",
      "好上手|颜色自然|便宜", "盒子容易碎|镜子小", ""),
    P("makeup", "散粉", "florasis-powder", "花西子", "空气散粉 8g", 149, 199, "花西子官方旗舰店|抖音旗舰店",
      "控油{r:4-6}小时|粉质细到看不到颗粒|雕花外壳很好看",
      "颜值高|控油不错", "粉扑一般|性价比一般", "gifting"),
    P("makeup", "口红", "perfect-diary-lipstick", "完美日记", "小细跟口红", 69, 99, "完美日记官方旗舰店|拼多多百亿补贴",
      "滋润型不拔干|显色度高|一支能用{r:3-5}个月",
      "便宜|颜色多|学生党友好", "持久度一般|膏体容易断", "gifting"),
    P("haircare", "洗发水", "kerastase-densifique", "卡诗", "黑钻钥源洗发水 250ml", 235, 330, "卡诗官方旗舰店|京东自营|天猫国际",
      "洗完蓬松能维持{r:2-3}天|头油少了|250ml 用{r:6-8}周",
      "香味高级|蓬松|泡沫丰富", "贵|干发洗完会涩", "gifting"),
    P("haircare", "洗发水", "adolph-shampoo", "阿道夫", "精油洗发水 800ml", 79.9, 129, "阿道夫官方旗舰店|拼多多百亿补贴|抖音旗舰店",
      "留香{r:1-2}天|800ml 大瓶用{r:3-4}个月|洗完柔顺不打结",
      "香|量大|顺滑", "油头洗完容易塌|香味太浓", ""),
    P("haircare", "洗发水", "head-shoulders", "海飞丝", "去屑洗发水 丝质柔滑 750ml", 49.9, 89, "京东自营|天猫超市|拼多多百亿补贴",
      "洗{r:3-5}次头屑明显少了|750ml 一家人用{r:2-3}个月|薄荷款很清凉",
      "去屑有效|便宜|超市好买", "洗完发尾干|香味普通", ""),
    P("haircare", "洗发水", "ryo-shampoo", "吕", "紫吕 滋养韧发洗发水 400ml", 69, 99, "吕官方旗舰店|天猫国际|京东国际",
      "掉发数量从{r:80-120}根降到{r:40-60}根左右|洗完头皮不紧绷|中药味淡",
      "防脱有感|温和", "起效慢|泡沫少", ""),
    P("haircare", "吹风机", "dyson-hd15", "戴森", "Supersonic 吹风机 HD15", 2499, 3199, "戴森官方旗舰店|京东自营",
      "长发{r:5-8}分钟吹干|智能温控吹完不毛躁|重量{r:640-660}g|噪音比普通吹风机小",
      "吹得快|护发|颜值高", "贵|配件多不好收纳", "gifting"),
    # fashion
    P("clothing", "羽绒服", "uniqlo-ultra-light-down", "优衣库", "高级轻型羽绒服 男女同款", 399, 499, "优衣库官方旗舰店|天猫旗舰店",
      "整件重量只有{r:200-260}g|可以收进自带小袋|零上 5℃ 内搭毛衣够用|180 身高穿 L 码刚好",
      "轻便|好收纳|百搭", "零下不够暖|容易钻绒", "new_season|commute|travel"),
    P("clothing", "外套", "uniqlo-fleece", "优衣库", "摇粒绒拉链外套", 149, 199, "优衣库官方旗舰店|天猫旗舰店",
      "洗了{r:5-10}次没起球|春秋单穿冬天当内胆|160/84A 穿 M 码微宽松",
      "便宜|保暖|颜色多", "容易粘毛|不防风", "new_season|camping_trip"),
    P("clothing", "羽绒服", "bosideng-extreme", "波司登", "极寒系列 鹅绒服 长款", 1599, 2299, "波司登官方旗舰店|京东自营|天猫旗舰店",
      "90% 鹅绒，充绒量{r:230-280}g|哈尔滨零下{r:18-25}℃穿着不冷|帽子防风效果好",
      "超级保暖|做工好|有质保", "笨重|价格高", "new_season|travel"),
    P("clothing", "卫衣", "china-lining-hoodie", "李宁", "中国李宁 运动卫衣", 269, 399, "李宁官方旗舰店|京东自营|得物",
      "面料{r:380-420}g 重磅|洗后不缩水不变形|165 穿 M 码落肩刚好",
      "版型好|面料厚实|国潮设计", "领口偏紧|颜色少", "new_season"),
    P("clothing", "毛衣", "ralph-lauren-sweater", "拉夫劳伦", "绞花羊毛混纺毛衣", 999, 1690, "拉夫劳伦官方旗舰店|天猫国际|奥莱",
      "羊毛含量{r:60-80}%|不扎人|洗后基本不变形",
      "经典款|质感好|送礼体面", "需要手洗|尺码偏大", "new_season|gifting"),
    P("clothing", "大衣", "peacebird-coat", "太平鸟", "女装双面羊毛大衣", 799, 1599, "太平鸟官方旗舰店|天猫旗舰店|唯品会",
      "双面呢手感软|羊毛含量{r:70-90}%|160 身高穿 S 码到膝盖",
      "版型利落|颜色正|打折后划算", "不够保暖|容易粘毛", "new_season|commute"),
    P("clothing", "瑜伽裤", "lululemon-align", "lululemon", "Align 高腰瑜伽裤 25\"", 750, 850, "lululemon 官方旗舰店|天猫旗舰店",
      "裸感面料|深蹲不透|穿了{r:3-8}个月没起球",
      "舒服|显腿长|百搭", "贵|容易勾丝", "fitness"),
    P("clothing", "工装裤", "semir-cargo", "森马", "宽松工装裤", 119, 199, "森马官方旗舰店|拼多多百亿补贴|天猫旗舰店",
      "口袋{r:4-6}个|175 穿 L 码裤长刚好|面料偏厚适合秋冬",
      "便宜|宽松舒服|耐穿", "有点掉色|做工一般", "new_season"),
    P("shoes", "板鞋", "anta-retro", "安踏", "复古休闲板鞋", 199, 299, "安踏官方旗舰店|拼多多百亿补贴|京东自营",
      "鞋重{r:330-370}g|正码偏大半码|走一天{r:15000-25000}步脚不累",
      "便宜|百搭|舒服", "容易脏|鞋垫薄", "commute"),
    P("shoes", "运动鞋", "nike-af1", "耐克", "Air Force 1 '07", 599, 799, "Nike 官方旗舰店|得物|京东自营",
      "经典纯白|偏大半码|穿{r:2-4}周才磨合好",
      "百搭|经典|耐穿", "重|容易出褶", "commute"),
    P("shoes", "运动鞋", "adidas-samba", "阿迪达斯", "Samba OG 德训鞋", 699, 899, "adidas 官方旗舰店|得物|天猫旗舰店",
      "鞋型修长|偏小半码|牛皮鞋面越穿越软",
      "好看|显脚小|复古", "不适合跑跳|常年缺货", "commute|new_season"),
    P("shoes", "雪地靴", "ugg-classic-mini", "UGG", "经典迷你雪地靴", 1099, 1490, "UGG 官方旗舰店|天猫国际|京东自营",
      "羊皮毛一体|零下{r:8-15}℃ 走路脚是热的|偏大一码",
      "暖和|好穿脱", "怕水|容易脏", "new_season|gifting"),
    P("bags", "包", "coach-tabby-26", "蔻驰", "Tabby 26 单肩包", 2450, 3400, "蔻驰官方旗舰店|天猫旗舰店|奥莱",
      "能装下手机钱包粉饼和一瓶 350ml 水杯|皮质细腻|肩带可调",
      "百搭|通勤约会都能背|送礼体面", "五金有点重|小金属件易刮花", "gifting|commute"),
    P("bags", "帽子", "mlb-cap", "MLB", "NY 棒球帽", 259, 399, "MLB 官方旗舰店|得物|天猫旗舰店",
      "帽围可调|头围{r:56-59}cm 戴着刚好|刺绣工整",
      "显脸小|百搭", "容易压变形|夏天闷", "new_season"),
    # food
    P("coffee", "咖啡", "saturnbird-24", "三顿半", "超即溶精品咖啡 数字星球 24 颗", 129, 169, "三顿半官方旗舰店|天猫旗舰店|京东自营",
      "冷水燕麦奶{r:3-5}秒溶解|3 号酸甜、6 号偏坚果|一颗折合{f:4.8-5.9}元",
      "方便|口味多|包装好看", "没有现磨香|小罐子不环保", "commute|home_office|camping_trip"),
    P("coffee", "咖啡", "luckin-coconut-latte", "瑞幸", "生椰拿铁 单杯券", 9.9, 29, "瑞幸咖啡|美团|抖音团购",
      "9.9 元一杯|门店{r:5-15}分钟出杯|少糖也够甜",
      "便宜|门店多|椰香浓", "冰多|高峰期要等", "commute"),
    P("coffee", "咖啡液", "yongpu-coffee", "永璞", "闪萃咖啡液 18 杯装", 69, 99, "永璞官方旗舰店|天猫旗舰店|拼多多百亿补贴",
      "一条 25g 兑{r:150-200}ml 牛奶|果酸明显|冷藏保存{r:6-12}个月",
      "口感醇|兑奶好喝", "需要冷藏|价格一般", "home_office"),
    P("tea", "茶叶", "bama-tieguanyin", "八马", "铁观音 浓香型礼盒 252g", 298, 398, "八马茶业官方旗舰店|京东自营",
      "一泡能冲{r:6-8}道|兰花香明显|礼盒包装大气",
      "香气足|送礼体面", "清香型爱好者会觉得火功重", "gifting|festival"),
    P("tea", "茶叶", "dayi-7572", "大益", "7572 普洱熟茶 357g 茶饼", 159, 189, "大益官方旗舰店|京东自营|淘宝",
      "汤色红浓|{r:10-15}泡还有味|堆味轻",
      "口粮茶|耐泡|性价比高", "撬茶费劲|新茶有些许堆味", ""),
    P("tea", "茶饮料", "dongfangshuye", "农夫山泉", "东方树叶 青柑普洱 900ml×12", 59.9, 89, "京东自营|天猫超市|山姆会员店",
      "0 糖 0 卡|一瓶 900ml 一上午喝完|青柑香气不冲",
      "解腻|无糖|大瓶划算", "有人觉得像刷锅水|冬天冰的喝不舒服", "home_office"),
    P("wine", "红酒", "penfolds-bin389", "奔富", "BIN389 赤霞珠设拉子红葡萄酒 750ml", 569, 799, "京东自营|奔富官方旗舰店|山姆会员店",
      "醒酒{r:30-60}分钟后单宁柔和|配红肉很搭|酒精度 14.5%",
      "口感饱满|送礼认知度高", "年份差异大|假货多要选正规渠道", "gifting|festival"),
    P("wine", "红酒", "changyu-cabernet", "张裕", "解百纳干红葡萄酒 750ml×6 整箱", 399, 598, "张裕官方旗舰店|京东自营|拼多多百亿补贴",
      "整箱折合单瓶{r:60-70}元|果香明显|适合家宴",
      "便宜|国产老牌", "余味短|包装普通", "festival"),
    P("wine", "白酒", "moutai-feitian", "贵州茅台", "飞天 53 度 500ml", 1499, 2150, "i茅台|京东自营|天猫超市",
      "官方指导价 1499 元|每天 10 点预约|抢到率大概{f:0.5-2.0}%",
      "收藏和送礼都硬通货", "基本抢不到|市场价波动大", "gifting|festival"),
    P("snacks", "坚果", "three-squirrels-daily-nuts", "三只松鼠", "每日坚果 30 包", 89, 139, "三只松鼠官方旗舰店|京东自营|拼多多百亿补贴",
      "每包{r:25-27}g|腰果巴旦木占比高|生产日期新鲜",
      "方便|不腻|送人体面", "蔓越莓偏甜|单价不算便宜", "commute|gifting"),
    P("snacks", "辣条", "weilong-latiao", "卫龙", "大面筋 辣条 家庭装", 25.9, 39.9, "卫龙官方旗舰店|拼多多百亿补贴|天猫超市",
      "一袋{r:20-30}小包|辣度适中|拆开满屋子香",
      "童年味道|便宜", "油大|吃多了上火", ""),
    P("snacks", "零食", "liangpin-gift-box", "良品铺子", "零食大礼包 1.5kg", 99, 168, "良品铺子官方旗舰店|京东自营|拼多多百亿补贴",
      "一箱{r:30-45}种零食|肉类零食占{r:20-30}%|保质期最短的也有{r:4-6}个月",
      "种类多|过年囤货方便", "有几样很一般|包装浪费", "festival|gifting"),
    P("snacks", "蛋糕", "members-mark-durian-cake", "山姆", "Member's Mark 榴莲千层蛋糕 1.3kg", 129.9, 139.9, "山姆会员店|山姆 APP",
      "猫山王果肉含量高|冷冻后口感像冰淇淋|一盒{r:12-16}块",
      "榴莲味足|分量大", "需要会员|热量爆炸", "festival"),
    P("fruit", "水果", "zespri-sungold", "佳沛", "阳光金果奇异果 巨大果 12 个", 119, 168, "京东自营|盒马|拼多多百亿补贴",
      "单果{r:125-145}g|甜度{r:16-19}度|常温放{r:2-4}天后熟",
      "甜|个大|方便", "偶尔有软烂的|价格不便宜", "gifting"),
    P("fruit", "车厘子", "chile-cherries-jjj", "智利车厘子", "JJJ 级 2.5kg 礼盒", 299, 399, "京东生鲜|盒马|山姆会员店",
      "果径{r:30-32}mm|冷链到手还是脆的|坏果{r:0-3}颗",
      "个大|脆甜|过年送礼好看", "价格高|批次差异大", "gifting|festival"),
    P("fruit", "脐橙", "gannan-navel-orange", "赣南脐橙", "果园直发 10 斤装", 39.9, 69.9, "拼多多百亿补贴|淘宝|京东生鲜",
      "单果{r:65-80}mm|甜度{r:12-15}度|10 斤约{r:24-30}个",
      "便宜|汁多", "大小不一|偶有坏果", ""),
    P("dairy", "牛奶", "telunsu-milk", "蒙牛", "特仑苏 纯牛奶 250ml×16 盒", 55, 79, "京东自营|天猫超市|拼多多百亿补贴",
      "蛋白质 3.6g/100ml|奶味浓|早餐一盒刚好",
      "口感醇厚|送长辈体面", "价格偏高|礼盒包装多", "gifting|festival"),
    P("dairy", "牛奶", "yili-jindian", "伊利", "金典 有机纯牛奶 250ml×12 盒", 49.9, 79.9, "京东自营|天猫超市|拼多多百亿补贴",
      "蛋白质 3.8g/100ml|有机认证|保质期{r:5-6}个月",
      "奶香浓|品质稳定", "包装偏小|价格波动大", "gifting"),
    P("dairy", "酸奶", "jianai-yogurt", "简爱", "父爱配方 酸奶 100g×18", 69, 99, "简爱官方旗舰店|盒马|京东自营",
      "配料只有生牛乳和菌种|无添加糖|保质期{r:18-21}天",
      "配料干净|适合孩子", "酸|保质期短", ""),
    P("dairy", "矿泉水", "nongfu-water", "农夫山泉", "饮用天然水 550ml×24 瓶", 29.9, 39.6, "京东自营|天猫超市|拼多多百亿补贴",
      "一瓶折合{f:1.2-1.4}元|有点甜|家里囤{r:2-4}箱",
      "便宜|方便", "重|塑料瓶多", ""),
    # outdoor
    P("camping", "帐篷", "mobi-garden-lengshan", "牧高笛", "冷山 2 Pro 帐篷", 1299, 1599, "牧高笛官方旗舰店|天猫旗舰店|京东自营",
      "帐篷重量{f:2.1-2.4}kg|防水 4000mm|一个人{r:8-12}分钟搭好|前厅能放两双鞋两个背包",
      "轻|通风好|性价比高", "内帐偏小|地钉要另买好的", "camping_trip"),
    P("camping", "帐篷", "decathlon-2-seconds", "迪卡侬", "Quechua 2 秒速开帐篷 3 人", 599, 799, "迪卡侬官方旗舰店|天猫旗舰店",
      "抛出去 2 秒展开|收起来要学{r:2-4}次才熟练|遮光面料中午也暗|收纳后直径{r:68-72}cm",
      "省事|遮光|新手友好", "收纳是圆饼不好塞后备箱|重", "camping_trip"),
    P("camping", "露营杯", "snow-peak-ti-cup", "Snow Peak", "钛金属单层杯 450ml", 279, 329, "Snow Peak 官方旗舰店|京东国际|天猫国际",
      "重量只有{r:65-70}g|能直接上炉子烧水|用{r:1-2}年没变形",
      "轻|颜值高|送人有面子", "烫嘴|价格高", "camping_trip|gifting"),
    P("camping", "露营桌", "naturehike-roll-table", "Naturehike", "挪客 铝合金蛋卷桌", 189, 299, "挪客官方旗舰店|拼多多百亿补贴|天猫旗舰店",
      "承重{r:25-30}kg|收纳后长{r:60-70}cm|{r:1-2}分钟展开",
      "稳|好收纳|便宜", "桌面缝隙会卡碎屑|高度不可调", "camping_trip"),
    P("camping", "露营椅", "helinox-chair-one", "Helinox", "Chair One 月亮椅", 799, 899, "Helinox 官方旗舰店|天猫国际",
      "自重{r:890-960}g|承重 145kg|收起来和一瓶水差不多大",
      "轻|坐感包裹|耐用", "贵|坐久了腰不舒服", "camping_trip"),
    P("camping", "冲锋衣", "arcteryx-beta-lt", "始祖鸟", "Beta LT GORE-TEX 冲锋衣", 4500, 4500, "始祖鸟官方旗舰店|天猫旗舰店|得物",
      "GORE-TEX 三层面料|下大雨走{r:2-3}小时里面是干的|重量{r:380-400}g",
      "防水透气好|剪裁利落|耐用", "贵|不保暖需要叠穿", "camping_trip|travel|new_season"),
    P("camping", "冲锋衣", "kailas-mont-x", "凯乐石", "MONT-X 冲锋衣", 1599, 1999, "凯乐石官方旗舰店|京东自营",
      "防水指数{r:20000-28000}mm|腋下透气拉链|重量{r:420-460}g",
      "国货性价比|防水好", "版型偏运动|颜色选择少", "camping_trip|new_season"),
    P("fishing", "渔轮", "daiwa-revros", "达亿瓦", "Daiwa REVROS LT 2500 纺车轮", 329, 399, "达亿瓦官方旗舰店|京东国际|淘宝",
      "重量{r:215-225}g|出线顺滑没炸线|卸力平稳",
      "入门好用|耐用", "线杯容量一般|做工细节一般", ""),
    P("fishing", "鱼竿", "guangwei-rod", "光威", "台钓竿 5.4 米", 199, 299, "光威官方旗舰店|拼多多百亿补贴|京东自营",
      "竿重{r:150-170}g|19 调|遛{r:2-4}斤鲫鱼腰力够",
      "轻|调性好|便宜", "竿梢偏软|配件一般", ""),
    P("fishing", "渔轮", "shimano-slx-dc", "禧玛诺", "SLX DC 水滴轮", 1450, 1680, "禧玛诺官方旗舰店|京东国际",
      "电子刹车新手不炸线|抛投距离比普通水滴轮远{r:5-10}米|重量{r:205-215}g",
      "不炸线|抛远|声音好听", "贵|太轻饵不好抛", ""),
    P("running", "跑鞋", "asics-kayano-31", "亚瑟士", "GEL-KAYANO 31 跑鞋", 899, 1399, "亚瑟士官方旗舰店|京东自营|得物",
      "鞋重{r:295-310}g|稳定支撑适合扁平足|跑了{r:200-400}公里中底没塌",
      "稳定|缓震好|耐跑", "重|不适合速度课", "fitness"),
    P("running", "跑鞋", "lining-feidian-4", "李宁", "飞电 4 Challenger 跑鞋", 629, 899, "李宁官方旗舰店|京东自营|拼多多百亿补贴",
      "碳板回弹明显|鞋重{r:210-225}g|10 公里配速提升{r:5-15}秒",
      "轻|推进感强|国货性价比", "稳定性一般|大底耐磨差", "fitness"),
    P("running", "跑鞋", "xtep-160x", "特步", "160X 6.0 碳板跑鞋", 1099, 1499, "特步官方旗舰店|京东自营|天猫旗舰店",
      "半马穿着跑完脚不疼|鞋重{r:205-215}g|前掌回弹强",
      "竞速强|国产碳板天花板", "价格不便宜|楦头偏窄", "fitness"),
    P("running", "跑步手表", "garmin-forerunner-265", "佳明", "Forerunner 265 跑步手表", 2380, 2980, "佳明官方旗舰店|京东自营",
      "GPS 轨迹贴合度高|续航{r:11-13}天|训练准备度指标有参考价值",
      "数据准|续航长|训练建议专业", "智能功能弱|表带易脏", "fitness"),
    P("cycling", "山地车", "giant-atx-830", "捷安特", "ATX 830 山地车 27.5 寸", 2998, 3298, "捷安特官方旗舰店|线下门店",
      "整车重量{f:13.5-14.5}kg|禧玛诺 2×9 变速|油碟刹车下坡很稳",
      "结实|售后网点多|入门好选择", "重|前叉一般", "fitness|commute"),
    P("cycling", "公路车", "decathlon-rc520", "迪卡侬", "Van Rysel RC520 公路车", 5999, 6999, "迪卡侬官方旗舰店|线下门店",
      "碳纤维车架|整车{f:8.5-9.2}kg|105 套件|骑{r:80-120}公里没不舒服",
      "性价比高|耐力几何舒服", "轮组一般|颜色少", "fitness"),
    P("cycling", "公路车", "xds-ad350", "喜德盛", "AD350 铝合金公路车", 2298, 2598, "喜德盛官方旗舰店|京东自营|拼多多百亿补贴",
      "整车{f:10.5-11.2}kg|禧玛诺 Sora 套件|通勤{r:10-15}公里半小时到",
      "便宜|入门友好", "车架重|刹车一般", "commute|fitness"),
    P("cycling", "折叠车", "dahon-p8", "大行", "P8 折叠自行车 20 寸", 2498, 2998, "大行官方旗舰店|京东自营",
      "折叠只要{r:10-15}秒|整车{r:11-12}kg|能塞进地铁和后备箱",
      "方便|骑着稳", "重|上楼梯费劲", "commute"),
    # toys
    P("blind_boxes", "盲盒", "popmart-labubu", "泡泡玛特", "THE MONSTERS 前方高能系列搪胶毛绒盲盒（LABUBU）", 99, 99, "泡泡玛特官方旗舰店|泡泡玛特抽盒机|得物",
      "一盒 6 个不重样|隐藏款概率 1/72|搪胶脸做工细，毛绒没有线头",
      "可爱|挂包好看|保值", "端盒难抢|黄牛加价严重|假货多", "gifting"),
    P("blind_boxes", "盲盒", "popmart-skullpanda", "泡泡玛特", "SKULLPANDA 温度系列手办盲盒", 69, 69, "泡泡玛特官方旗舰店|泡泡玛特抽盒机",
      "高约{r:8-9}cm|涂装渐变细腻|隐藏款概率 1/144",
      "造型美|摆桌面好看", "重复率高|价格涨了", "gifting"),
    P("blind_boxes", "盲盒", "popmart-crybaby", "泡泡玛特", "CRYBABY 悲伤俱乐部系列盲盒", 69, 69, "泡泡玛特官方旗舰店|泡泡玛特抽盒机|得物",
      "眼泪用透明胶做得很灵|一套{r:9-12}款|端盒送展示盒",
      "情绪价值拉满|小巧", "有瑕疵要换货|溢价高", "gifting"),
    P("blind_boxes", "盲盒", "52toys-beastbox", "52TOYS", "猛兽匣 变形盲盒", 59, 79, "52TOYS 官方旗舰店|京东自营|拼多多百亿补贴",
      "方块能变成机甲|关节{r:10-14}处可动|变形{r:2-4}分钟",
      "好玩|有拼装乐趣|价格友好", "关节松紧不一|说明书太简略", "gifting"),
    P("blind_boxes", "盲盒", "finding-unicorn-farmer-bob", "寻找独角兽", "Farmer Bob 农场系列盲盒", 59, 69, "寻找独角兽官方旗舰店|天猫旗舰店",
      "高约{r:6-7}cm|材质是 PVC 搪胶|一盒 8 款",
      "造型萌|价格不高", "做工偶尔有溢色", "gifting"),
    P("figures", "高达模型", "bandai-rg-nu-gundam", "万代", "RG 1/144 RX-93 ν高达", 299, 380, "万代官方旗舰店|京东自营|淘宝",
      "拼装{r:6-9}小时|零件数{r:280-320}个|浮游炮可展开",
      "细节多|可动强|拼装乐趣足", "关节容易松|贴纸难贴", "gifting"),
    P("figures", "高达模型", "bandai-mg-freedom", "万代", "MG 1/100 自由高达 2.0", 469, 540, "万代官方旗舰店|京东自营|淘宝",
      "拼装{r:10-14}小时|翅膀展开很有气势|内构完整",
      "帅|素组就很好看", "零件多容易丢|价格涨了", ""),
    P("figures", "手办", "gsc-nendoroid-miku", "GSC", "粘土人 初音未来 V3", 299, 349, "GSC 官方旗舰店|淘宝|京东国际",
      "高约{r:10-11}cm|表情件 3 个|支架可以摆动态",
      "可爱|可玩性高", "配件少|正版渠道价格偏高", "gifting"),
    P("figures", "手办", "genshin-raiden-figure", "米哈游", "原神 雷电将军 1/7 比例手办", 1199, 1399, "米哈游官方旗舰店|米游社商城|淘宝",
      "高约{r:26-29}cm|底座特效件是透明件|涂装渐变自然",
      "还原度高|气势足", "预定周期长|价格贵", "gifting"),
    P("blocks", "积木", "lego-10316-rivendell", "乐高", "LEGO 10316 指环王 瑞文戴尔", 2799, 3499, "乐高官方旗舰店|京东自营|天猫旗舰店",
      "{r:6000-6200}颗零件|拼了{r:25-40}小时|成品宽{r:70-75}cm",
      "细节多|收藏价值高", "占地方|价格贵", "gifting|festival"),
    P("blocks", "积木", "lego-10313-wildflowers", "乐高", "LEGO 10313 野花花束", 299, 399, "乐高官方旗舰店|京东自营|天猫旗舰店",
      "{r:930-940}颗零件|{r:2-4}小时拼完|不用浇水的花",
      "好看|适合送礼|拼装解压", "没有花瓶|容易积灰", "gifting|festival"),
    # entertainment
    P("concerts", "演唱会", "jay-chou-carnival", "周杰伦", "周杰伦「嘉年华」世界巡回演唱会", 880, 880, "大麦网|猫眼演出",
      "票档 580/880/1280/1680/2080 元|{r:3-4}小时不间断|内场屏幕清晰|散场地铁排队{r:30-60}分钟",
      "经典曲目多|现场气氛炸|舞美用心", "抢票太难|黄牛票贵|散场交通拥堵", "gifting"),
    P("concerts", "演唱会", "mayday-back-to-that-day", "五月天", "五月天「回到那一天」25 周年巡回演唱会", 855, 855, "大麦网|猫眼演出",
      "票档 355/555/855/1255/1655 元|唱了{r:26-32}首|全场大合唱{r:8-12}首",
      "氛围感拉满|返场诚意足|音响好", "看台后排看不清|实名制入场慢", ""),
    P("concerts", "演唱会", "jj-lin-final-lap", "林俊杰", "林俊杰 JJ20 FINAL LAP 世界巡回演唱会", 1280, 1280, "大麦网|猫眼演出",
      "票档 580/880/1280/1680 元|唱功稳定现场如 CD|演出时长{r:150-180}分钟",
      "唱功稳|编曲新|灯光好", "票难抢|座位区分不清", "gifting"),
    P("concerts", "演唱会", "xue-zhiqian-tour", "薛之谦", "薛之谦「天外来物」巡回演唱会", 580, 580, "大麦网|猫眼演出",
      "票档 380/580/880/1280 元|互动环节{r:20-40}分钟|场馆容量{r:2-4}万人",
      "互动有梗|歌单丰富", "讲话时间长|场馆偏远", ""),
    P("musicals", "音乐剧", "phantom-chinese", "剧院魅影", "音乐剧《剧院魅影》中文版", 580, 580, "大麦网|猫眼演出|剧院官方售票",
      "票档 180/380/580/780/980 元|演出约 150 分钟含中场|吊灯坠落那场很震撼",
      "中文歌词顺耳|舞美还原度高|卡司唱功好", "二楼后排视野受限|剧院空调冷", "gifting"),
    P("musicals", "音乐剧", "rouge-et-noir", "摇滚红与黑", "音乐剧《摇滚红与黑》中文版巡演", 380, 380, "大麦网|猫眼演出",
      "票档 180/280/380/580/680 元|摇滚曲风很燃|演出约 160 分钟",
      "音乐好听|舞台有张力", "剧情有删减|音响有时太炸", ""),
    P("musicals", "话剧", "kaixinmahua-play", "开心麻花", "话剧《乌龙山伯爵》", 280, 280, "猫眼演出|大麦网|美团",
      "票档 180/280/380/580 元|{r:2-3}小时笑点不断|适合带父母",
      "笑点密|演员功底好", "部分梗有点老|中场休息短", "gifting"),
    P("livehouse", "Livehouse", "no-party-for-cao-dong", "草东没有派对", "草东没有派对 巡演 livehouse 专场", 380, 380, "秀动|大麦网",
      "预售 380 元现场 420 元|场地容量{r:800-1500}人|演出约{r:90-110}分钟",
      "现场燃|乐迷氛围好", "太挤|存包排队久", ""),
    P("livehouse", "Livehouse", "omnipotent-youth-society", "万能青年旅店", "万能青年旅店 巡演 livehouse", 360, 360, "秀动|大麦网",
      "预售 360 元|《杀死那个石家庄人》全场合唱|音响调得很清楚",
      "情怀拉满|乐手技术强", "票秒空|站票腿酸", ""),
    P("festivals", "音乐节", "strawberry-festival", "草莓音乐节", "2026 草莓音乐节 上海站 双日票", 520, 680, "大麦网|摩登天空官方",
      "早鸟双日票 520 元|{r:4-6}个舞台|阵容{r:40-60}组",
      "阵容丰富|氛围轻松", "餐饮贵|两天走了{r:25000-40000}步", "festival"),
    P("festivals", "脱口秀", "standup-comedy-special", "笑果文化", "线下脱口秀 周末专场", 120, 180, "大麦网|猫眼演出|美团",
      "演出约{r:90-120}分钟|{r:5-7}位演员|小剧场前排互动多",
      "便宜|笑点密", "新人演员水平参差|坐前排容易被点名", ""),
    # games
    P("otome", "乙女游戏", "love-and-deepspace", "叠纸", "恋与深空", 30, 30, "App Store|官方渠道|TapTap",
      "月卡 30 元|3D 约会沉浸感强|十连抽{r:1200-1500}钻|保底{r:70-80}抽",
      "3D 建模精致|剧情用心|男主塑造立体", "卡池太密|氪金压力大|剧情更新慢", ""),
    P("otome", "乙女游戏", "light-and-night", "光与夜之恋", "光与夜之恋", 30, 30, "App Store|官方渠道|TapTap",
      "月卡 30 元|男主{r:5-6}位|日常互动语音很多",
      "美术好|配音顶级|福利多", "活动多很肝|卡面质量不稳定", ""),
    P("otome", "乙女游戏", "tears-of-themis", "米哈游", "未定事件簿", 30, 30, "App Store|官方渠道|米游社",
      "推理剧情{r:20-30}章|律师题材|Live2D 动态卡面",
      "剧情悬疑感强|人设成熟", "推理关卡有点难|更新慢", ""),
    P("otome", "乙女游戏", "mr-love", "叠纸", "恋与制作人", 30, 30, "App Store|官方渠道",
      "运营{r:8-9}年了|主线{r:20-30}章|羁绊剧情好哭",
      "老牌乙游情怀|剧情细腻", "画面有点老|玩法单一", ""),
    P("mobile_games", "手游", "honkai-star-rail", "米哈游", "崩坏：星穹铁道", 30, 30, "App Store|官方渠道|米游社",
      "回合制|月卡 30 元|每个版本{r:40-45}天|新角色{r:2-3}个",
      "剧情演出电影级|福利多", "养成线长|周本肝", ""),
    P("consoles", "游戏机", "switch-2", "任天堂", "Nintendo Switch 2 马力欧赛车 世界 同捆版", 3699, 3999, "拼多多百亿补贴|京东国际|天猫国际",
      "7.9 英寸 1080P 屏|掌机模式续航{r:2-6}小时|支持 4K 输出|Joy-Con 磁吸很稳",
      "独占大作|屏幕大了|向下兼容", "续航短|首发游戏少|卡带贵", "gifting|festival"),
    P("consoles", "游戏机", "ps5-pro", "索尼", "PlayStation 5 Pro 国行", 5299, 5999, "索尼官方旗舰店|京东自营",
      "2TB 硬盘|光追模式{r:55-60}帧|加载{r:2-4}秒",
      "画面提升明显|手柄体验好", "光驱要另买|贵", "gifting"),
    P("consoles", "掌机", "steam-deck-oled", "Valve", "Steam Deck OLED 512GB", 3599, 4199, "京东国际|淘宝|Steam 官方",
      "OLED 屏黑得纯|续航{r:3-8}小时|重量{r:635-645}g|能玩{r:70-85}% 的 Steam 库",
      "Steam 游戏随身玩|屏幕好", "重|国内售后麻烦", "travel|commute"),
    P("consoles", "手柄", "xbox-controller", "微软", "Xbox 无线控制器 冰川白", 319, 399, "微软官方旗舰店|京东自营|拼多多百亿补贴",
      "AA 电池续航{r:30-40}小时|PC 即插即用|握感好",
      "兼容好|手感经典", "要装电池|没有背键", "gifting"),
    P("game_cards", "游戏卡带", "zelda-totk", "任天堂", "《塞尔达传说 王国之泪》Switch 实体卡带", 279, 359, "京东自营|拼多多百亿补贴|淘宝",
      "主线加支线玩了{r:120-200}小时|究极手建造自由度高|中文配字幕",
      "神作|耐玩|卡带保值", "前期有点劝退|掌机模式掉帧", "gifting|festival"),
    P("game_cards", "游戏卡带", "mario-kart-world", "任天堂", "《马力欧赛车 世界》Switch 2 卡带", 439, 529, "京东国际|拼多多百亿补贴|天猫国际",
      "24 人同场竞速|开放世界自由驾驶|本地 4 人分屏",
      "聚会必备|上手快", "单人内容少|定价高", "gifting|festival"),
    P("game_cards", "单机游戏", "black-myth-wukong", "游戏科学", "《黑神话：悟空》Steam 数字版", 214, 268, "Steam|WeGame|PlayStation Store",
      "通关{r:40-60}小时|影神图{r:200-220}条|Boss 战设计精彩",
      "美术顶级|打击感好|国产骄傲", "空气墙多|部分 Boss 数值高", "festival"),
    # books
    P("fiction", "小说", "three-body", "重庆出版社", "《三体》全集（典藏版）", 49.9, 93, "京东自营|当当|天猫旗舰店",
      "三本共{r:88-92}万字|纸张偏黄护眼|典藏版附人物关系图",
      "想象力宏大|适合入坑科幻", "第一部开头慢|人物塑造薄", "gifting"),
    P("fiction", "小说", "lychee-of-changan", "湖南文艺出版社", "《长安的荔枝》马伯庸", 29, 45, "京东自营|当当|拼多多百亿补贴",
      "{r:2-3}个晚上读完|约 8 万字|历史细节考据扎实",
      "短小好读|有打工人共鸣", "结尾仓促|篇幅短", "commute"),
    P("fiction", "小说", "one-hundred-years", "南海出版公司", "《百年孤独》范晔译本", 35, 55, "京东自营|当当|天猫旗舰店",
      "人名重复多需要画家谱|范晔译本语言流畅|精装{r:360-380}页",
      "经典|翻译好", "门槛高|前 50 页劝退", "gifting"),
    P("fiction", "散文", "me-and-ditan", "人民文学出版社", "《我与地坛》史铁生", 22, 39, "京东自营|当当",
      "散文{r:15-20}篇|通勤路上{r:3-5}天读完|纸张手感好",
      "文字温柔|治愈", "篇目和别的版本有重复", "commute|gifting"),
    P("nonfiction", "社科", "sapiens", "中信出版社", "《人类简史：从动物到上帝》", 34, 68, "京东自营|当当|中信书店",
      "{r:430-460}页|观点密度高|每章都能独立读",
      "视角新|好读", "部分观点有争议|后半本松散", "commute"),
    P("nonfiction", "经管", "principles", "中信出版社", "《原则》瑞·达利欧", 49, 98, "京东自营|当当|中信书店",
      "{r:560-580}页|工作原则部分可以直接用|大量清单式总结",
      "实用|适合职场人", "厚|有点鸡汤", "home_office"),
    P("nonfiction", "历史", "ming-dynasty-stories", "北京联合出版公司", "《明朝那些事儿》全集", 168, 358, "京东自营|当当|拼多多百亿补贴",
      "7 册共{r:2500-2700}页|语言幽默|一周读完第一册",
      "好读|入门明史", "后几册节奏慢|纸张偏薄", "gifting"),
    P("nonfiction", "经济", "zhishen-shinei", "上海人民出版社", "《置身事内：中国政府与经济发展》兰小欢", 39, 65, "京东自营|当当",
      "{r:320-340}页|数据图表多|读完对地方财政有概念",
      "通俗|干货多", "部分章节需要经济学基础", ""),
    P("nonfiction", "心理学", "toad-therapy", "天地出版社", "《蛤蟆先生去看心理医生》", 19.9, 38, "京东自营|当当|拼多多百亿补贴",
      "{r:2-3}小时读完|对话体|讲了交互分析理论",
      "入门友好|治愈", "理论讲得浅", "commute"),
    # travel
    P("hotels", "酒店", "atour-hangzhou-westlake", "亚朵", "亚朵酒店（杭州西湖湖滨店）", 469, 599, "携程|美团|飞猪",
      "步行{r:8-12}分钟到西湖|房间{r:25-30}平米|早餐{r:30-40}种",
      "床品好睡|位置好|服务热情", "周末价格翻倍|停车位少", "travel"),
    P("hotels", "酒店", "ji-hotel-chengdu", "全季", "全季酒店（成都春熙路店）", 299, 359, "携程|美团|华住会",
      "地铁站步行{r:3-6}分钟|隔音一般|房间{r:20-25}平米",
      "性价比高|干净|位置方便", "早餐一般|隔音差", "travel"),
    P("hotels", "酒店", "hampton-xian", "希尔顿欢朋", "希尔顿欢朋酒店（西安钟楼店）", 369, 429, "携程|希尔顿荣誉客会|飞猪",
      "离钟楼步行{r:5-8}分钟|含双早|床垫偏硬",
      "干净|早餐不错", "电梯慢|停车贵", "travel"),
    P("hotels", "酒店", "atlantis-sanya", "亚特兰蒂斯", "三亚亚特兰蒂斯酒店 海景房", 2199, 2899, "携程|飞猪|美团",
      "含水世界门票|房间{r:48-55}平米|海景阳台看日出",
      "带娃好玩|水族馆震撼", "贵|人多|餐饮价格高", "travel|festival"),
    P("hotels", "酒店", "shanghai-disneyland-hotel", "上海迪士尼", "上海迪士尼乐园酒店", 2880, 3280, "携程|迪士尼官方|飞猪",
      "可以提前{r:1-2}小时入园|房间{r:40-45}平米|烟花在房间能看到一部分",
      "童话氛围|服务好", "贵|离园区要坐摆渡车", "travel|gifting"),
    P("hotels", "酒店", "hotel-icon-hk", "唯港荟", "Hotel ICON 唯港荟（香港尖沙咀）", 1680, 2180, "携程|Booking.com|官网",
      "海景房看维港|房间{r:28-35}平米|步行{r:8-12}分钟到尖东站",
      "设计感强|服务专业", "贵|早餐要另买", "travel", cur="HKD"),
    P("flights", "机票", "flight-sha-syx", "携程", "上海—三亚 往返机票（含税）", 699, 1299, "携程|飞猪|同程旅行",
      "含税往返|经济舱含{r:20-23}kg 行李|飞行时长约 3.5 小时",
      "淡季便宜|航班多", "红眼航班多|改签费高", "travel"),
    P("flights", "机票", "flight-sha-kix", "春秋航空", "上海—大阪 单程机票", 499, 899, "春秋航空官网|携程|飞猪",
      "不含托运行李|登机箱限重 7kg|准点率{r:82-92}%",
      "便宜|时间好", "座位窄|行李要单独买", "travel"),
    P("flights", "机票", "flight-pek-ctu", "国航", "北京—成都 往返机票（含税）", 860, 1680, "国航官网|携程|飞猪",
      "含 23kg 托运|准点率{r:85-93}%|有餐食",
      "服务稳|航班密", "价格波动大", "travel"),
    P("travel_gear", "行李箱", "samsonite-carry-on", "新秀丽", "20 寸登机箱 PC 材质", 899, 1599, "新秀丽官方旗舰店|京东自营|天猫旗舰店",
      "箱重{f:2.5-2.9}kg|能装{r:4-6}天衣服|万向轮很静音",
      "耐摔|轮子顺滑|颜值高", "容易刮花|价格偏高", "travel"),
    P("travel_gear", "行李箱", "horizon8-carry-on", "地平线8号", "20 寸登机箱", 399, 599, "地平线8号官方旗舰店|京东自营|拼多多百亿补贴",
      "箱重{f:2.8-3.1}kg|前开口设计取电脑方便|扩容{r:3-5}cm",
      "性价比高|前开口实用", "轮子声音大|拉杆有点晃", "travel|commute"),
    P("travel_gear", "颈枕", "muji-neck-pillow", "无印良品", "U 型颈枕", 78, 98, "无印良品官方旗舰店|京东自营",
      "颗粒填充贴合脖子|重{r:180-220}g|外套可以拆洗",
      "舒服|好收纳", "夏天热|有点占地方", "travel"),
    P("attractions", "乐园门票", "hk-disneyland-ticket", "香港迪士尼", "香港迪士尼乐园 一日门票", 639, 719, "Klook 客路|携程|官方 APP",
      "早上 10 点开园|玩了{r:8-12}个项目|烟花 20 分钟",
      "人比上海少|排队短", "园区小|餐饮贵", "travel|gifting", cur="HKD"),
    # home
    P("furniture", "沙发", "ikea-kivik", "宜家", "KIVIK 奇维 三人沙发", 3299, 3999, "宜家官方|天猫旗舰店",
      "坐深{r:60-65}cm|沙发套可拆洗|自己组装{r:1-2}小时",
      "舒服|套子能洗", "坐久了会塌|自己组装费劲", ""),
    P("furniture", "床垫", "yanxuan-mattress", "网易严选", "乳胶独袋弹簧床垫 1.8m", 1899, 2999, "网易严选|京东自营|天猫旗舰店",
      "厚度{r:25-28}cm|软硬适中偏硬|两个人翻身互不影响",
      "支撑好|性价比高", "到货有味道要晾{r:3-7}天|重", "new_season"),
    P("household", "香薰机", "muji-diffuser", "无印良品", "超声波香薰机", 298, 380, "无印良品官方旗舰店|京东自营",
      "水箱{r:200-350}ml|工作{r:3-6}小时自动断电|噪音几乎听不见",
      "颜值高|安静|助眠", "精油另买贵|需要经常清洗", "gifting|home_office"),
    P("bedding", "被子", "mercury-soybean-quilt", "水星家纺", "大豆纤维冬被 200×230", 259, 399, "水星家纺官方旗舰店|京东自营|拼多多百亿补贴",
      "重{f:3.0-3.8}kg|零下室内暖气不足也够暖|可机洗",
      "软|暖和|便宜", "有点压身|不如羽绒轻", "new_season"),
    P("kitchen", "炒锅", "supor-fire-red-dot", "苏泊尔", "火红点不粘炒锅 32cm", 169, 299, "苏泊尔官方旗舰店|京东自营|拼多多百亿补贴",
      "火红点变色提示油温|煎蛋不粘|锅重{f:1.6-2.0}kg",
      "不粘|好清洗|便宜", "涂层怕铁铲|单手拿重", ""),
    P("kitchen", "保鲜盒", "locknlock-glass", "乐扣乐扣", "耐热玻璃保鲜盒 10 件套", 119, 199, "乐扣乐扣官方旗舰店|京东自营",
      "能进微波炉|密封圈可拆洗|带饭{r:2-3}年没漏过",
      "密封好|耐用", "玻璃重|盖子扣得紧", "commute"),
    P("home_office", "人体工学椅", "sihoo-m57", "西昊", "M57 人体工学椅", 599, 899, "西昊官方旗舰店|京东自营|拼多多百亿补贴",
      "腰托可调|坐{r:6-10}小时腰不酸|网面透气",
      "性价比高|透气", "头枕调节少|扶手晃", "home_office"),
    P("home_office", "升降桌", "loctek-e2", "乐歌", "E2 电动升降桌 1.4m", 1299, 1799, "乐歌官方旗舰店|京东自营",
      "升降范围{r:71-74}-{r:118-121}cm|电机噪音{r:45-50}分贝|记忆{r:3-4}个高度",
      "稳|站坐切换方便", "桌面一般|安装费劲", "home_office"),
    P("home_office", "台灯", "mijia-lamp-1s", "米家", "LED 智能台灯 1S", 149, 199, "小米商城|京东自营",
      "色温{r:2700-2800}-6500K 可调|无可视频闪|能接小爱同学",
      "便宜|护眼|智能", "底座大|光照范围一般", "home_office"),
    P("household", "洗衣液", "bluemoon-detergent", "蓝月亮", "深层洁净洗衣液 12 斤装", 79.9, 119, "京东自营|天猫超市|拼多多百亿补贴",
      "一次{r:20-30}ml|去油渍效果好|12 斤一家三口用{r:3-4}个月",
      "划算|香味清淡", "瓶子重|泡沫偏多", ""),
    P("kitchen", "料理锅", "morphy-richards-pot", "摩飞", "多功能料理锅", 399, 699, "摩飞官方旗舰店|京东自营|抖音旗舰店",
      "一锅{r:5-6}种盘|两人火锅刚好|颜值很高",
      "多功能|好看|送礼", "每块烤盘都要单独洗|功率一般", "gifting"),
    P("bedding", "四件套", "nanjiren-cotton-set", "南极人", "纯棉四件套 1.8m", 129, 199, "南极人官方旗舰店|拼多多百亿补贴|京东自营",
      "纯棉{r:40-60}支|洗了{r:3-5}次没起球没掉色|床单尺寸够大",
      "便宜|纯棉舒服", "印花一般|有线头", "new_season"),
    # baby
    P("formula", "奶粉", "feihe-xingfeifan", "飞鹤", "星飞帆卓睿 3 段 700g", 238, 298, "飞鹤官方旗舰店|京东自营|拼多多百亿补贴",
      "一罐吃{r:8-12}天|冲调无结块|宝宝不上火",
      "国产配方适合|溶解好|大便正常", "价格偏高|罐子开口小", ""),
    P("formula", "奶粉", "aptamil-3", "爱他美", "卓萃 3 段 900g", 339, 418, "京东国际|天猫国际|爱他美官方旗舰店",
      "一罐吃{r:10-14}天|乳清蛋白比例高|有溯源码",
      "口碑好|配方稳定", "贵|假货要防", ""),
    P("diapers", "纸尿裤", "pampers-ichiban", "帮宝适", "一级帮纸尿裤 L 码 52 片", 149, 199, "帮宝适官方旗舰店|京东自营|拼多多百亿补贴",
      "一片折合{f:2.6-3.0}元|夜里{r:10-12}小时不漏|表层干爽",
      "吸收好|不红屁屁", "贵|腰围偏紧", ""),
    P("diapers", "纸尿裤", "merries-m64", "花王", "妙而舒纸尿裤 M 码 64 片", 99, 139, "花王官方旗舰店|京东国际|天猫超市",
      "一片折合{f:1.5-1.8}元|透气性好|尿显线很准",
      "透气|软", "吸收量比一级帮少|包装日文多", ""),
    P("baby_gear", "推车", "goodbaby-stroller", "好孩子", "轻便婴儿推车 可坐可躺", 1099, 1599, "好孩子官方旗舰店|京东自营",
      "车重{f:6.0-7.5}kg|单手{r:2-3}秒收车|能带上飞机",
      "轻|收车方便|出门神器", "避震一般|遮阳棚小", "travel"),
    P("baby_gear", "湿巾", "babycare-wipes", "babycare", "婴儿湿巾 80 抽×10 包", 69, 99, "babycare 官方旗舰店|京东自营|拼多多百亿补贴",
      "厚度够擦便便不破|无酒精无香精|一包用{r:3-5}天",
      "厚|温和", "价格不算便宜", ""),
    P("baby_gear", "奶瓶", "pigeon-glass-bottle", "贝亲", "宽口径玻璃奶瓶 240ml", 89, 129, "贝亲官方旗舰店|京东自营",
      "玻璃瓶耐高温|仿母乳奶嘴宝宝不拒|刻度清晰",
      "好清洗|不拒奶", "玻璃重|怕摔", ""),
    P("baby_gear", "米粉", "enoulite-rice-cereal", "英氏", "婴儿高铁米粉 6 月龄", 68, 98, "英氏官方旗舰店|京东自营|天猫旗舰店",
      "冲调{r:10-20}秒化开|铁含量标注清楚|原味宝宝能接受",
      "易冲调|配料简单", "罐装不够密封|价格偏高", ""),
    P("kids_clothing", "童装", "balabala-down", "巴拉巴拉", "儿童羽绒服 连帽款", 299, 599, "巴拉巴拉官方旗舰店|京东自营|唯品会",
      "充绒量{r:100-140}g|零下{r:5-10}℃孩子穿着不冷|可机洗",
      "暖和|好打理|性价比高", "尺码偏小|颜色少", "new_season"),
    P("baby_gear", "餐椅", "kub-high-chair", "可优比", "宝宝成长餐椅", 259, 399, "可优比官方旗舰店|京东自营|拼多多百亿补贴",
      "{r:5-6}档高度调节|餐盘可拆洗|能用到{r:6-7}岁",
      "稳|好清洗", "占地方|组装麻烦", ""),
    # pets
    P("cat_food", "猫粮", "royal-canin-k36", "皇家", "K36 幼猫粮 2kg", 149, 189, "皇家官方旗舰店|京东自营|拼多多百亿补贴",
      "颗粒小幼猫好嚼|蛋白质{r:34-36}%|一袋吃{r:5-7}周",
      "适口性好|软便少", "谷物多|涨价了", ""),
    P("cat_food", "猫粮", "orijen-six-fish", "渴望", "六种鱼猫粮 5.4kg", 599, 749, "渴望官方旗舰店|京东国际|天猫国际",
      "蛋白质 40%|鱼肉含量高|换粮{r:7-10}天过渡没软便",
      "肉含量高|毛发变亮", "贵|有的猫嫌鱼腥", ""),
    P("cat_food", "猫粮", "mcfoodie-barf", "麦富迪", "BARF 生骨肉冻干双拼猫粮 1.5kg", 99, 139, "麦富迪官方旗舰店|拼多多百亿补贴|京东自营",
      "冻干颗粒占{r:10-15}%|蛋白质{r:38-42}%|挑食猫也吃",
      "性价比高|适口性好", "冻干颗粒少|粉末多", ""),
    P("cat_food", "猫粮", "yanxuan-freeze-dried", "网易严选", "全价冻干猫粮 1.8kg", 88, 128, "网易严选|京东自营|天猫旗舰店",
      "蛋白质{r:36-40}%|无谷配方|一袋吃{r:4-6}周",
      "便宜|成分表干净", "冻干少|包装不好封口", ""),
    P("litter", "猫砂", "jieke-tofu-litter", "洁客", "豆腐猫砂 6L×4 包", 79, 119, "洁客官方旗舰店|京东自营|拼多多百亿补贴",
      "结团{r:3-5}秒|可以冲厕所|粉尘少",
      "结团快|低尘", "除臭一般|容易带出砂", ""),
    P("litter", "猫砂", "xucuihua-mixed-litter", "许翠花", "植物混合猫砂 2.5kg×4", 69, 99, "许翠花官方旗舰店|天猫旗舰店|拼多多百亿补贴",
      "膨润土和豆腐砂混合|除臭{r:2-3}天不用换|结团硬",
      "除臭好|便宜", "有粉尘|不能冲厕所", ""),
    P("pet_gear", "猫砂盆", "petkit-max", "小佩", "智能猫砂盆 MAX", 999, 1499, "小佩官方旗舰店|京东自营|天猫旗舰店",
      "猫离开{r:3-10}分钟自动清理|APP 记录如厕次数|集便袋{r:5-7}天换一次",
      "省心|能监测健康", "猫需要适应|价格高", ""),
    P("pet_gear", "猫抓板", "pidan-scratcher", "pidan", "瓦楞纸猫抓板 大号", 59, 89, "pidan 官方旗舰店|天猫旗舰店|拼多多百亿补贴",
      "长{r:60-70}cm|猫抓了{r:1-3}个月才换面|碎屑少",
      "耐抓|猫爱用", "占地方|有纸屑", ""),
    P("dog_food", "狗粮", "bernard-dog-food", "伯纳天纯", "中大型犬成犬粮 15kg", 459, 599, "伯纳天纯官方旗舰店|京东自营",
      "一袋吃{r:5-7}周|蛋白质{r:26-30}%|金毛吃了毛色变亮",
      "大袋划算|便便成型", "颗粒偏大|香味一般", ""),
    P("pet_health", "驱虫药", "frontline-cat", "福来恩", "猫用体外驱虫滴剂 3 支", 128, 168, "京东自营|天猫国际|宠物医院",
      "一月一滴|{r:24-48}小时见效|滴在后颈",
      "效果稳定|用着方便", "滴完毛会油|贵", ""),
    # auto
    P("ev", "新能源车", "byd-qin-l", "比亚迪", "秦 L DM-i 120km 领先型", 99800, 119800, "比亚迪 4S 店|懂车帝",
      "亏电油耗{f:2.9-3.6}L/100km|满油满电续航{r:1800-2100}公里|后排腿部空间{r:2-3}拳",
      "油耗低|空间大|价格香", "内饰塑料多|辅助驾驶一般", "commute"),
    P("ev", "新能源车", "byd-seal-06", "比亚迪", "海豹 06 DM-i", 108800, 129800, "比亚迪 4S 店|懂车帝",
      "百公里油耗{f:2.8-3.4}L|纯电续航{r:70-80}公里实际能跑{r:60-70}公里|后备箱{r:450-500}L",
      "省油|操控好|颜值高", "胎噪偏大|车机偶尔卡", "commute"),
    P("ev", "新能源车", "tesla-model-y", "特斯拉", "Model Y 焕新版 后驱", 263500, 263500, "特斯拉官网|特斯拉体验店",
      "冬天实际续航{r:380-450}公里|超充{r:25-35}分钟从 10% 到 80%|百公里电耗{f:12.5-15.0}kWh|露营模式开一晚空调掉电{r:8-12}%",
      "超充方便|车机流畅|能耗低", "悬架偏硬|内饰简陋", "commute|travel|camping_trip"),
    P("ev", "新能源车", "lixiang-l6", "理想", "L6 Pro", 249800, 249800, "理想汽车官网|理想零售中心",
      "纯电续航{r:150-190}公里|亏电油耗{f:6.5-7.5}L|后排能放平当床",
      "空间大|舒适|适合家庭", "操控一般|车身重", "travel|camping_trip"),
    P("ev", "新能源车", "xiaomi-su7", "小米", "SU7 标准版", 215900, 215900, "小米汽车官网|小米之家",
      "冬天续航{r:420-500}公里|百公里加速{f:5.0-5.5}秒|和小米手机车机互联",
      "颜值高|生态好|驾驶乐趣", "等车久|后排头部空间小", "commute"),
    P("ev", "新能源车", "aito-m7", "问界", "M7 Pro 后驱", 249800, 259800, "问界用户中心|华为门店",
      "纯电续航{r:200-240}公里|智驾高速领航很稳|鸿蒙座舱流畅",
      "智驾强|车机好|空间大", "悬架软|价格偏高", "travel"),
    P("ev", "新能源车", "leapmotor-c11", "零跑", "C11 增程版", 149800, 159800, "零跑汽车门店|懂车帝",
      "纯电续航{r:220-260}公里|配置丰富|空间够五口之家",
      "配置高|价格低", "品牌力弱|保值率一般", "commute"),
    P("car_accessories", "行车记录仪", "70mai-a810", "70迈", "4K 行车记录仪 A810", 499, 699, "70迈官方旗舰店|京东自营|拼多多百亿补贴",
      "4K 画质夜里能看清车牌|停车监控{r:12-24}小时|安装{r:20-40}分钟",
      "画质好|APP 好用", "需要接降压线|夏天发热", "commute"),
    P("car_accessories", "轮胎", "michelin-ps4", "米其林", "PS4 轮胎 245/45 R18", 999, 1299, "途虎养车|京东养车|天猫养车",
      "换了之后胎噪降低{r:2-4}分贝|湿地刹车距离更短|跑了{r:8000-20000}公里磨损均匀",
      "抓地强|静音", "贵|耐磨一般", ""),
    P("car_accessories", "车载充电器", "baseus-car-charger", "倍思", "65W 车载充电器", 79, 129, "倍思官方旗舰店|京东自营|拼多多百亿补贴",
      "笔记本和手机同时快充|小巧不挡档位|温度{r:45-55}℃",
      "便宜|快充", "插得太紧拔起来费劲", "commute|travel"),
    P("car_accessories", "充电桩", "bull-7kw-charger", "公牛", "7kW 家用充电桩 含安装", 1499, 1999, "公牛官方旗舰店|京东自营",
      "{r:6-9}小时充满|支持预约谷电充电|安装送{r:30-50}米线",
      "品牌靠谱|安装快", "超出米数另收费", ""),
    P("car_accessories", "隔热膜", "3m-window-film", "3M", "汽车隔热膜 全车", 2680, 3999, "3M 授权门店|途虎养车|天猫养车",
      "隔热率{r:50-65}%|夏天车内温度低{r:5-8}℃|施工{r:3-5}小时",
      "隔热好|品牌可查真伪", "贵|门店施工水平不一", ""),
    P("car_service", "保养", "tuhu-maintenance", "途虎养车", "小保养套餐（美孚 1 号 0W-40 4L + 机滤 + 工时）", 299, 499, "途虎养车|京东养车",
      "保养用时{r:40-60}分钟|机油可现场扫码验真|比 4S 店便宜{r:150-300}元",
      "便宜|透明", "技师水平参差|有推销", ""),
]

CAT_BY_SLUG = {p["slug"]: p for p in CATALOGUE}

# ---------------------------------------------------------------------------------------------
# Authors: ~80, per platform. roles: which demo roles an author may carry (o=official deals,
# b=buyer reviews / vague, c=creator: everything else).
# ---------------------------------------------------------------------------------------------

AUTHOR_SPECS = {
    "xiaohongshu": [("是小鹿呀", 235400, True, "c", ""), ("露营的阿哲", 18400, False, "c", "outdoor travel auto"),
                    ("猫咪大管家Mia", 86200, True, "c", "pets"), ("一只爱喝咖啡的猫", 3120, False, "cb", "food home books"),
                    ("敷面膜的兔子", 512000, True, "c", "beauty fashion"), ("租房改造日记", 9870, False, "c", "home appliances"),
                    ("二狗的宝妈日常", 1460, False, "cb", "baby food home"), ("Vivian在上海", 47200, False, "c", ""),
                    ("乙女游戏研究所", 26800, False, "c", "games toys entertainment"), ("今天也要好好吃饭", 732, False, "cb", "food")],
    "douyin": [("数码狂人老K", 2310000, True, "c", "digital appliances games"), ("好物种草官小美", 880000, True, "c", ""),
               ("钓鱼的老张", 154000, False, "c", "outdoor"), ("跑步的阿杰", 6300, False, "cb", "outdoor fashion"),
               ("萌宠日记-橘座", 1200000, True, "c", "pets"), ("车评人大刘", 3460000, True, "c", "auto"),
               ("居家好物铺", 45100, False, "c", "home appliances baby food"), ("百货小七", 290, False, "cb", "")],
    "weibo": [("科技新知君", 1870000, True, "c", "digital appliances auto games"), ("数码博主-闲聊", 560000, True, "c", "digital games"),
              ("追星女孩小柒", 3400, False, "cb", "entertainment toys beauty fashion"), ("演出情报站", 215000, True, "co", "entertainment"),
              ("吃货日报", 742000, True, "c", "food travel"), ("羊毛群主阿宝", 98000, False, "co", ""),
              ("一个普通上班族", 210, False, "cb", ""), ("潮玩捕手", 33600, False, "c", "toys games")],
    "zhihu": [("张小北 电子工程师", 128000, True, "c", "digital appliances auto"), ("Hawkins 家电测评", 96000, True, "c", "appliances home digital"),
              ("阿狸的读书笔记", 15200, False, "c", "books entertainment"), ("理性买车指南", 302000, True, "c", "auto"),
              ("母婴营养师林医生", 88000, True, "c", "baby food pets"), ("户外老炮", 41000, False, "c", "outdoor travel"),
              ("酒店控Leo", 27300, False, "c", "travel entertainment"), ("咖啡研究生", 5200, False, "cb", "food home books"),
              ("匿名用户", 0, False, "cb", ""), ("一颗柠檬绿", 3400, False, "c", "")],
    "bilibili": [("硬件茶话会", 760000, True, "c", "digital appliances games"), ("老白测评", 210000, True, "c", ""),
                 ("露营频道Camper", 58000, False, "c", "outdoor travel auto"), ("游戏小黑屋", 1340000, True, "c", "games digital toys"),
                 ("手办开箱日记", 39000, False, "c", "toys games"), ("骑行的大鹏", 12800, False, "c", "outdoor"),
                 ("单机主播阿木", 4700, False, "c", "games"), ("二次元手作君", 980, False, "c", "toys games entertainment"),
                 ("生活区UP主小圆", 27600, False, "c", "")],
    "jd": [("京东自营好价", 5620000, True, "o", ""), ("京东好物推荐官", 1210000, True, "oc", ""), ("j***8", 0, False, "b", ""),
           ("大***猫", 0, False, "b", ""), ("jd_清风徐来", 12, False, "b", ""), ("小***子", 0, False, "b", ""), ("P***n", 3, False, "b", ""),
           ("jd_188****2398", 0, False, "b", "")],
    "taobao": [("淘宝好价速报", 2380000, True, "o", ""), ("买家秀精选", 430000, True, "oc", ""), ("t**1", 0, False, "b", ""),
               ("清***茶", 0, False, "b", ""), ("小***宝", 0, False, "b", ""), ("淘宝逛逛-居家控", 67000, False, "c", "home appliances"),
               ("爱***活", 0, False, "b", ""), ("tb_80后老爸", 5, False, "b", "")],
    "pinduoduo": [("拼多多百亿补贴", 9800000, True, "o", ""), ("省钱小能手", 15600, False, "oc", ""), ("用户1***8", 0, False, "b", ""),
                  ("开心***果", 0, False, "b", ""), ("张***丽", 0, False, "b", ""), ("果农老李", 8800, False, "c", "food"),
                  ("**王", 0, False, "b", ""), ("多多买菜团长", 3200, False, "cb", "food")],
    "smzdm": [("张大妈好价推荐", 860000, True, "o", ""), ("值友8812563930", 31, False, "cb", ""), ("白菜党老刘", 23000, False, "oc", ""),
              ("数码控Tommy", 18700, False, "c", "digital games appliances"), ("买买买的小熊", 6100, False, "oc", ""),
              ("奶爸值友", 9400, False, "c", "baby home appliances auto"), ("露营值友阿凯", 2700, False, "c", "outdoor travel auto"),
              ("羊毛收割机", 41000, True, "oc", "")],
    "dianping": [("吃货小分队队长", 12000, False, "cb", "food entertainment"), ("旅行者Sunny", 8600, False, "cb", "travel"),
                 ("Lucy爱探店", 56000, True, "c", "food beauty entertainment travel"), ("出差狗老王", 430, False, "cb", "travel"),
                 ("小***鱼", 0, False, "b", ""), ("M***a", 2, False, "b", ""), ("周末去哪儿", 21000, False, "c", "travel entertainment outdoor"),
                 ("带娃出游记", 3900, False, "cb", "travel baby")],
}

# role -> candidate sources (weighted by repetition)
ROLE_SOURCES = {
    "deal": ["smzdm", "smzdm", "smzdm", "jd", "jd", "taobao", "pinduoduo", "weibo"],
    "first_hand_review": ["zhihu", "zhihu", "smzdm", "smzdm", "xiaohongshu", "jd", "taobao", "dianping"],
    "note": ["xiaohongshu", "xiaohongshu", "xiaohongshu", "xiaohongshu", "weibo", "weibo", "douyin"],
    "advertorial": ["xiaohongshu", "xiaohongshu", "douyin", "douyin", "weibo", "taobao", "pinduoduo"],
    "vague": ["weibo", "xiaohongshu", "douyin", "pinduoduo", "taobao", "jd"],
    "article": ["zhihu", "zhihu", "zhihu", "smzdm"],
    "video": ["bilibili", "bilibili", "bilibili", "douyin", "douyin"],
}

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

B62 = string.digits + string.ascii_letters
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def fill(s, rng):
    def rep(m):
        a, b = m.group(2), m.group(3)
        if m.group(1) == "r":
            return str(rng.randint(int(a), int(b)))
        return f"{rng.uniform(float(a), float(b)):.1f}"
    return re.sub(r"\{([rf]):([\d.]+)-([\d.]+)\}", rep, s)


def rid(rng, n, alphabet=string.digits):
    return "".join(rng.choice(alphabet) for _ in range(n))


def num_str(x):
    if isinstance(x, float) and not x.is_integer():
        return f"{x:.1f}" if round(x, 1) == x else f"{x:.2f}"
    return str(int(x))


def money(x, cur="CNY", thing="goods"):
    if thing == "car":
        return f"{x / 10000:.2f}万元"
    if cur == "HKD":
        return f"HK${int(x):,}" if float(x).is_integer() else f"HK${x}"
    if cur == "USD":
        return f"US${num_str(x)}"
    return f"{num_str(x)}元"


def nice_price(x):
    """Round to the kind of number shops print: 9.9, 89, 1399, 7999, 12.98万."""
    if x >= 50000:
        return int(round(x / 100.0)) * 100
    if x < 20:
        return round(max(1.9, math.floor(x) + 0.9), 1)
    if x < 200:
        return float(int(x)) + 0.9 if x % 1 or x < 100 else int(x)
    if x < 2000:
        return int(round(x / 10.0)) * 10 - 1
    return int(round(x / 100.0)) * 100 - 1


def price_field(x, cur, thing, rng):
    """The price as a platform would send it: number or messy string."""
    if x is None:
        return None
    if thing == "car":
        return rng.choice([x, f"{x / 10000:.2f}万", f"¥{x:,}", f"售价{x / 10000:.2f}万"])
    if cur == "HKD":
        return rng.choice([x, f"HK${int(x):,}", f"{int(x)}港币"])
    if cur == "USD":
        return rng.choice([x, f"US${num_str(x)}", f"${num_str(x)}"])
    s = num_str(x)
    comma = f"{x:,.0f}" if float(x).is_integer() else s
    return rng.choice([x, x, f"¥{comma}", f"到手价{s}", f"券后 ¥{s}", f"{s}元", f"￥{s}", f"券后价{s}元"])


def orig_field(x, cur, thing, rng):
    if x is None:
        return None
    if thing == "car":
        return rng.choice([x, f"{x / 10000:.2f}万", f"¥{x:,}"])
    if cur == "HKD":
        return rng.choice([x, f"HK${int(x):,}"])
    if cur == "USD":
        return rng.choice([x, f"US${num_str(x)}"])
    s = num_str(x)
    comma = f"{x:,.0f}" if float(x).is_integer() else s
    return rng.choice([x, f"¥{comma}", f"原价{s}元", f"{s}元"])


def disp(p):
    """How people write the product in text."""
    if p["thing"] in ("book", "ticket", "hotel", "flight", "attraction") or p["brand"] in p["name"]:
        return p["name"]
    if p["g"] in ("otome", "mobile_games"):
        return f"《{p['name']}》"
    if p["g"] in ("fruit",) or p["name"].startswith(p["brand"]):
        return f"{p['brand']}{p['name']}" if p["brand"] not in p["name"] else p["name"]
    return f"{p['brand']} {p['name']}"


def short(p):
    """A short nickname for titles."""
    name = p["name"]
    name = re.sub(r"（[^）]*）", "", name)
    name = re.sub(r"\s?\d+(\.\d+)?(\+\d+)?(GB|TB|ml|g|kg|L|片|盒|颗|瓶|包)(\s|×|$).*", "", name)
    return name.strip() or p["name"]


def thing_of(p):
    g = p["g"]
    if g in ("concerts", "musicals", "livehouse", "festivals"):
        return "ticket"
    if g == "hotels":
        return "hotel"
    if g == "flights":
        return "flight"
    if g == "attractions":
        return "attraction"
    if g in ("otome", "mobile_games"):
        return "game"
    if p["interest"] == "books":
        return "book"
    if g == "ev":
        return "car"
    return "goods"


for _p in CATALOGUE:
    _p["thing"] = thing_of(_p)


def strip_tags(html):
    text = re.sub(r"<(br|/p|/li|/h3|/h2)\s*/?>", "\n", html)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def norm_for_sim(text):
    return "".join(ch for ch in text.lower() if ch.isalnum())


def shingles(title, body, n=3):
    t = norm_for_sim(title + strip_tags(body))
    if len(t) <= n:
        return {t}
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def jaccard(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def hashtag(tag, src):
    if src == "xiaohongshu":
        return f"#{tag}[话题]#"
    if src == "weibo":
        return f"#{tag}#"
    return f"#{tag}"


def iso(t):
    return t.isoformat(timespec="seconds")


def md(t):
    return f"{t.month}月{t.day}日"


def paras(parts, html):
    parts = [p for p in parts if p]
    if html:
        return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in parts)
    return "\n".join(strip_tags(p).strip() if p.startswith("<") else p for p in parts)


def ul(items, html):
    if html:
        return "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>"
    return "\n".join(f"· {x}" for x in items)


def festival_phase(age):
    """Where the post sits relative to 双11 (base 11-22 12:00; 11-11 00:00 is 276 hours earlier)."""
    if age > 276:
        return "pre"
    if age > 168:
        return "post"
    return "late"


SCEN_WORDS = [
    ("commute", ("通勤", "地铁", "上班路上", "上下班")),
    ("camping_trip", ("露营", "野营", "营地")),
    ("gifting", ("送礼", "礼物", "送给", "礼盒", "送人")),
    ("home_office", ("居家办公", "在家办公", "远程办公", "书房")),
    ("festival", ("双11", "双十一", "618", "双12", "黑五", "年货节", "圣诞", "跨年")),
    ("travel", ("旅行", "出差", "旅游", "自驾")),
    ("fitness", ("健身", "跑步", "骑行", "运动")),
    ("new_season", ("换季", "入冬", "降温", "秋冬", "冬天")),
]


def scenarios_for(p, title, body):
    found = set(p["sc"]) if p else set()
    text = title + strip_tags(body)
    for slug, words in SCEN_WORDS:
        if any(w in text for w in words):
            found.add(slug)
    return [s for s in SCENARIOS if s in found]


# ---------------------------------------------------------------------------------------------
# Sentence pools
# ---------------------------------------------------------------------------------------------

EMOJI = list("✨🔥💯🥹😭👍🎉📦🛒💰🌟💡🙌🤩😍🥰👀📣")
PERIODS = ["两周", "一个月", "40 天", "两个月", "三个月", "小半年", "半年", "八个月", "一年多"]
AGO = ["上个月", "双11前", "前阵子", "十月底", "三周前", "上周", "国庆的时候", "今年夏天", "两个月前"]
REASONS = {
    "goods": ["旧的那个用了五年实在扛不住了", "看了一圈测评纠结了两周", "赶上活动价格合适", "同事安利了很久",
              "工作需要，预算卡得比较死", "给自己的年终奖励", "家里人一直念叨要换", "之前那款坏了售后又太慢",
              "搬家后正好添置", "刷到太多次终于没忍住"],
    "car": ["家里添了二宝需要大空间", "油车开了八年想换电车", "上下班单程 40 公里想省油钱", "赶上了置换补贴"],
    "book": ["朋友圈好几个人在读", "书单里躺了很久", "通勤路上想找本轻松的书", "被一段书摘戳中"],
    "game": ["被朋友拉入坑", "刷到了宣传 PV", "书荒剧荒想找点乐子", "冲着声优入的坑"],
}
AUDIENCE_LINE = ["适合{aud}", "推荐给{aud}", "{aud}可以放心冲", "如果你是{aud}，可以考虑", "{aud}建议先试再买"]
VERDICTS = ["值得买", "推荐，但建议等活动价", "可以入，不过不是刚需", "原价不推荐，打折可冲", "中规中矩", "超出预期",
            "有惊喜也有遗憾", "买了不后悔", "优点很明显，缺点也很明显", "闭眼入有点夸张，但确实好用"]
EVIDENCE_WRAP = ["实测{s}", "自己测下来{s}", "拿数据说话：{s}", "用了{period}，{s}", "{s}（自己测的，仅供参考）",
                 "记录了一下，{s}", "说个具体的：{s}", "我专门留意过，{s}"]
CLOSERS_XHS = ["有问题评论区问我～", "码住不迷路", "觉得有用记得点赞收藏", "不是广告！自费购入！", "有同款的姐妹来聊聊",
               "下次再分享使用一个月后的感受", "还有什么想看的评论区告诉我", ""]
GREET_XHS = ["姐妹们！", "家人们谁懂啊，", "宝子们，", "集美们～", "今天来交作业啦！", "终于等到这一天，", "碎碎念一下：", ""]
VAGUE_FRAGS = ["这个真的很好用，推荐", "还行吧，凑合用", "买了不后悔", "颜值在线", "朋友都说好看", "用着挺顺手的",
               "东西收到了，和描述一样", "物流挺快的", "懂的都懂", "冲就完了", "谁用谁知道", "总体满意", "emmm 一般般",
               "不错不错", "回购第二次了", "说不上来哪里好但就是喜欢", "家人们可以入", "质量还可以", "性价比还行",
               "包装挺好", "还没怎么用，先好评", "看着不错", "和想象中差不多", "送人的，对方说喜欢", "老公说还行",
               "孩子挺喜欢", "一般，不推荐也不踩", "就那样吧", "有点小贵但还行", "跟风买的", "比实体店便宜",
               "推荐推荐！！", "好用到哭", "不知道说啥，反正挺好", "可以的", "客服态度好", "第一次买，感觉还行", "爱了爱了",
               "有需要的可以看看", "下次还来"]
HYPE_TITLES = ["全网最低！{tn}闭眼入", "不买后悔！{tn}限时秒杀", "{c}天花板！今天只要{P}", "手慢无‼️{tn}最后{n}单",
               "家人们冲！{tn}直降{save}", "用了一次就离不开的{c}", "{aud}都在抢的{tn}", "被问了 800 遍的{tn}链接来了",
               "{tn}｜这个价格真的疯了", "赶紧冲！{tn}今天骨折价"]
HYPE_CLAIMS = ["效果绝了", "用过的都说好", "闭眼入不踩雷", "全网找不到更低的价格了", "工厂直发没有中间商赚差价", "比大牌还好用",
               "一个顶十个", "身边人都在用", "回购无数次", "品质绝对有保障"]
URGENCY = ["限时秒杀仅剩{n}单", "活动今晚 12 点结束", "错过再等一年", "库存告急", "这个价格只有今天", "手慢真的无"]
CTA = ["点击左下角小黄车", "评论区扣 1 发链接", "戳主页橱窗就能买", "私信我领专属券", "链接在置顶评论", "直播间还有额外赠品"]
HYPE_EXTRA = {"beauty": ["三天见效", "烂脸都能救回来", "毛孔隐形"], "food": ["0 添加吃多少都不胖", "比外面卖的好吃十倍"],
              "pets": ["主子吃了毛色油亮", "挑食猫都抢着吃"], "baby": ["宝妈群里都在囤", "比进口的还好"],
              "home": ["懒人必备", "提升幸福感 200%"], "appliances": ["一台顶三台", "用完就回不去了"]}

VENUES = {"上海": ["上海体育场", "梅赛德斯-奔驰文化中心", "上汽·上海文化广场", "MAO Livehouse 上海"],
          "北京": ["国家体育场（鸟巢）", "凯迪拉克中心", "天桥艺术中心", "疆进酒 OMNI SPACE"],
          "广州": ["天河体育中心", "广州大剧院", "MAO Livehouse 广州"], "深圳": ["深圳湾体育中心", "B10 现场"],
          "杭州": ["杭州奥体中心体育场", "杭州大剧院", "MAO Livehouse 杭州"], "成都": ["凤凰山体育公园", "成都城市音乐厅", "正火艺术中心"],
          "南京": ["南京奥体中心", "江苏大剧院"], "武汉": ["武汉体育中心", "VOX Livehouse"], "西安": ["西安奥体中心", "西安易俗社"]}

CHAPTERS = {  # stages in order; one wording per stage, middle stages sometimes skipped
    "goods": [["开箱", "开箱与配件", "拆箱"], ["外观做工", "外观与手感", "设计细节"], ["上手体验", "日常使用", "一周使用感受"],
              ["实测数据", "数据实测", "极限测试"], ["横向对比", "和竞品对比"], ["缺点吐槽", "槽点", "不足之处"],
              ["购买建议", "总结", "值不值得买"]],
    "ticket": [["入场", "排队入场"], ["开场", "开场曲"], ["经典曲目", "大合唱名场面"], ["互动环节", "聊天环节"], ["返场", "安可"],
               ["散场与交通", "散场攻略"]],
    "hotel": [["大堂与入住", "办理入住"], ["房间", "房型细节"], ["卫浴", "洗漱用品"], ["早餐", "餐厅"], ["设施", "泳池健身房"],
              ["总结", "值不值得住"]],
    "flight": [["值机", "值机行李"], ["座椅空间", "座位"], ["餐食", "机上服务"], ["准点情况", "落地"], ["总结", "推荐吗"]],
    "attraction": [["入园", "安检入园"], ["项目排队", "热门项目"], ["餐饮", "园区吃什么"], ["烟花", "夜间表演"], ["总结", "攻略小结"]],
    "game": [["开场", "前言"], ["剧情体验", "主线剧情"], ["抽卡", "卡池实录"], ["养成", "养成系统"], ["氪金建议", "怎么氪最划算"],
             ["总结", "值得入坑吗"]],
    "book": [["作者简介", "关于作者"], ["内容概要", "讲了什么"], ["精彩段落", "书摘"], ["争议观点", "不同意的地方"], ["总结", "推荐给谁"]],
    "car": [["外观", "外观设计"], ["内饰与空间", "后排空间"], ["续航能耗实测", "冬季续航"], ["智驾体验", "辅助驾驶"], ["缺点", "槽点"],
            ["总结", "买不买"]],
}
VIDEO_NOTES = ["视频中{dn}为自费购买，观点仅代表个人。", "本期无商单，{dn}自费购入。", "产品为品牌借测，已归还，不影响观点。",
               "所有数据均为个人测试，仅供参考。", "{dn}是朋友借的，感谢～", "拍摄用时{n}天，剪辑不易。"]
VIDEO_ENDS = ["记得一键三连～", "有问题弹幕见！", "下期做{comp}，想看的扣 1", "", "求个关注，下期见", "评论区抽一位送同款小周边"]
BGM = ["City Pop 合集", "Lo-fi Beats", "Joe Hisaishi - Summer", "久石让 - Merry-Go-Round", "自己弹的吉他", "YouTube 音频库"]


GROUP_CRIT = {
    "phones": ["影像", "续航", "信号", "系统流畅度", "重量手感"], "computers": ["性能释放", "续航", "重量", "屏幕", "接口"],
    "tablets": ["屏幕", "手写笔", "生态应用", "续航"], "wearables": ["续航", "运动数据准确性", "健康功能", "佩戴舒适"],
    "cameras": ["画质", "防抖", "续航", "便携性"], "audio": ["降噪", "音质", "佩戴舒适", "续航"],
    "travel_gear": ["重量", "轮子顺滑度", "容量", "耐摔"], "hotels": ["位置交通", "早餐", "隔音", "取消政策"],
    "flights": ["价格", "准点率", "行李额", "时刻"], "concerts": ["座位视野", "音响效果", "票价档位", "散场交通"],
    "otome": ["剧情", "男主塑造", "氪金压力", "更新频率"], "consoles": ["独占游戏", "画面性能", "便携性", "价格"],
    "camping": ["重量", "收纳体积", "搭建难度", "防水"], "running": ["缓震", "回弹", "重量", "稳定性"],
    "cycling": ["车架材质", "变速套件", "重量", "售后网点"], "fishing": ["重量", "出线顺滑", "卸力", "耐用性"],
    "car_accessories": ["安装难度", "耐用性", "品牌售后", "价格"], "car_service": ["透明度", "价格", "技师水平"],
    "haircare": ["去屑控油", "香味", "头皮温和", "性价比"], "makeup": ["持妆", "色号", "质地", "性价比"],
    "shoes": ["脚感", "尺码", "耐穿", "百搭"], "bags": ["容量", "皮质", "五金", "百搭"],
    "coffee": ["风味", "冲泡方便", "单杯价格"], "wine": ["口感", "渠道真伪", "送礼面子", "价格"],
    "blind_boxes": ["做工", "隐藏款概率", "二手溢价", "正版渠道"], "musicals": ["卡司", "座位视野", "票价档位", "剧院交通"],
}
PLATFORM_MERCHANT = {"jd": ("京东", "旗舰店", "京东国际", "京东生鲜", "京东养车"), "taobao": ("天猫", "淘宝", "旗舰店", "飞猪", "天猫国际"),
                     "pinduoduo": ("拼多多", "旗舰店"), "dianping": ("美团", "携程", "飞猪", "门店", "大麦", "猫眼")}
PLATFORM_DEFAULT_MERCHANT = {"jd": "京东自营", "taobao": "天猫旗舰店", "pinduoduo": "拼多多百亿补贴", "dianping": "美团"}


def merchant_for(src, p, rng):
    """A merchant the platform can actually carry (a JD review is not of a 拼多多 purchase)."""
    marks = PLATFORM_MERCHANT.get(src)
    if not marks:
        return rng.choice(p["merch"])
    ok = [m for m in p["merch"] if any(k in m for k in marks)]
    foreign = {"jd": ("拼多多", "天猫", "淘宝", "抖音", "得物"), "taobao": ("拼多多", "京东", "抖音", "得物"),
               "pinduoduo": ("京东", "天猫", "淘宝", "抖音", "得物"), "dianping": ()}[src]
    ok = [m for m in ok if not any(k in m for k in foreign)]
    return rng.choice(ok) if ok else PLATFORM_DEFAULT_MERCHANT[src]


def crit_for(p, rng, k):
    pool = GROUP_CRIT.get(p["g"]) or INTEREST_META[p["interest"]]["crit"]
    return rng.sample(pool, k)


FROM_PRODUCT = object()


# ---------------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------------

class Builder:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.items = []
        self.sigs = []          # shingle sets, parallel to items
        self.eids = set()
        self.urls = set()
        self.skus = {}
        self.authors = self._make_authors()
        self.worst_distinct = (0.0, None, None)

    # ---------- authors, ids, metrics, images ----------

    def _make_authors(self):
        rng = self.rng
        out = {}
        specs = {k: list(v) for k, v in AUTHOR_SPECS.items()}
        specs["xiaohongshu"].append(("港女日常Kiki", 15800, False, "s", ""))
        specs["weibo"].append(("香港好價情報", 42000, False, "s", ""))
        for src, rows in specs.items():
            out[src] = []
            for name, followers, verified, roles, topics in rows:
                if src == "xiaohongshu":
                    aid = "5" + rid(rng, 23, "0123456789abcdef")
                elif src == "douyin":
                    aid = "MS4wLjABAAAA" + rid(rng, 32, B62 + "-_")
                elif src in ("weibo", "taobao", "pinduoduo", "smzdm"):
                    aid = rng.choice("1234567") + rid(rng, 9)
                elif src == "zhihu":
                    aid = rid(rng, 32, "0123456789abcdef")
                elif src == "bilibili":
                    aid = str(rng.randint(10 ** 5, 4 * 10 ** 9))
                elif src == "jd":
                    aid = "jd_" + rid(rng, 12, string.ascii_lowercase + string.digits)
                else:
                    aid = rng.choice("123456789") + rid(rng, 8)
                out[src].append(dict(external_id=aid, name=name, followers=followers, verified=verified, _roles=roles,
                                     _topics=topics.split()))
        return out

    def author_for(self, src, role, interest=None):
        need = "o" if role == "deal" and src in ("jd", "taobao", "pinduoduo", "smzdm") and self.rng.random() < 0.55 else \
            "b" if role in ("vague",) or (role == "first_hand_review" and src in ("jd", "taobao", "pinduoduo", "dianping")) else "c"
        pool = [a for a in self.authors[src] if need in a["_roles"]]
        if not pool:
            pool = [a for a in self.authors[src] if "s" not in a["_roles"]]
        if interest:
            topical = [a for a in pool if interest in a["_topics"]]
            generic = [a for a in pool if not a["_topics"]]
            if topical and (self.rng.random() < 0.75 or not generic):
                pool = topical
            elif generic:
                pool = generic
        if role == "advertorial":
            big = [a for a in pool if a["followers"] > 10000]
            pool = big or pool
        return self.rng.choice(pool)

    def author_by_name(self, src, name):
        return next(a for a in self.authors[src] if a["name"] == name)

    def sku(self, src, slug):
        key = (src, slug)
        if key not in self.skus:
            self.skus[key] = ("100" + rid(self.rng, 9)) if src == "jd" else rid(self.rng, 12, "123456789")
        return self.skus[key]

    def new_ids(self, src, kind, role, author, slug):
        rng = self.rng
        for _ in range(200):
            if src == "xiaohongshu":
                eid = "6" + rng.choice("789") + rid(rng, 22, "0123456789abcdef")
                url = f"https://www.xiaohongshu.com/explore/{eid}"
            elif src == "douyin":
                eid = "74" + rid(rng, 17)
                url = f"https://www.douyin.com/{'video' if kind == 'video' else 'note'}/{eid}"
            elif src == "weibo":
                eid = rng.choice("OPQ") + rid(rng, 8, B62)
                url = f"https://weibo.com/{author['external_id']}/{eid}"
            elif src == "zhihu":
                if kind == "article" or rng.random() < 0.3:
                    eid = "1" + rid(rng, 9)
                    url = f"https://zhuanlan.zhihu.com/p/{eid}"
                else:
                    eid = "3" + rid(rng, 9)
                    url = f"https://www.zhihu.com/question/{rng.choice('56')}{rid(rng, 8)}/answer/{eid}"
            elif src == "bilibili":
                if kind == "video":
                    eid = "BV1" + rid(rng, 9, B58)
                    url = f"https://www.bilibili.com/video/{eid}"
                else:
                    eid = "9" + rid(rng, 17)
                    url = f"https://www.bilibili.com/opus/{eid}"
            elif src == "jd":
                if role in ("deal", "advertorial"):
                    eid = "100" + rid(rng, 9)
                    url = f"https://item.jd.com/{eid}.html"
                else:
                    eid = "2" + rid(rng, 10)
                    url = f"https://club.jd.com/repay/{self.sku('jd', slug)}_{eid}_1.html"
            elif src == "taobao":
                if role in ("deal", "advertorial"):
                    eid = rid(rng, 12, "123456789")
                    host = "detail.tmall.com" if rng.random() < 0.6 else "item.taobao.com"
                    url = f"https://{host}/item.htm?id={eid}"
                else:
                    eid = "1" + rid(rng, 12)
                    url = f"https://item.taobao.com/item.htm?id={self.sku('taobao', slug)}&rateId={eid}"
            elif src == "pinduoduo":
                if role in ("deal", "advertorial"):
                    eid = rid(rng, 12, "123456789")
                    url = f"https://mobile.yangkeduo.com/goods.html?goods_id={eid}"
                else:
                    eid = "5" + rid(rng, 15)
                    url = f"https://mobile.yangkeduo.com/goods_comments.html?goods_id={self.sku('pinduoduo', slug)}&review_id={eid}"
            elif src == "smzdm":
                if kind == "deal":
                    eid = "1" + rid(rng, 8)
                    url = f"https://www.smzdm.com/p/{eid}/"
                else:
                    eid = "a" + rid(rng, 7, string.ascii_lowercase + string.digits)
                    url = f"https://post.smzdm.com/p/{eid}/"
            else:  # dianping
                eid = "1" + rid(rng, 9)
                url = f"https://www.dianping.com/review/{eid}"
            if (src, eid) not in self.eids and url not in self.urls:
                self.eids.add((src, eid))
                self.urls.add(url)
                return eid, url
        raise RuntimeError("could not make a unique id")

    def metrics(self, src, author, role):
        rng = self.rng
        mu = {"xiaohongshu": 7.6, "douyin": 9.0, "weibo": 8.0, "zhihu": 7.8, "bilibili": 8.6, "jd": 5.8, "taobao": 5.8,
              "pinduoduo": 5.6, "smzdm": 7.4, "dianping": 6.2}[src]
        mu += 0.35 * math.log10(author["followers"] + 10) - 0.5
        if role == "vague":
            mu -= 1.2
        if role == "copy":
            mu -= 0.6
        views = int(math.exp(rng.gauss(mu, 1.15)))
        if rng.random() < 0.02:
            views *= rng.randint(20, 80)          # a rare viral post
        views = max(views, rng.randint(3, 40))
        rate = {"xiaohongshu": 0.05, "douyin": 0.045, "weibo": 0.02, "zhihu": 0.03, "bilibili": 0.045, "jd": 0.01,
                "taobao": 0.008, "pinduoduo": 0.006, "smzdm": 0.03, "dianping": 0.015}[src]
        likes = int(views * rate * math.exp(rng.gauss(0, 0.6)))
        if role == "advertorial" and rng.random() < 0.5:
            likes = int(likes * rng.uniform(3, 8))  # bought likes look like this
        comments = int(likes * rng.uniform(0.02, 0.25))
        fav_ratio = {"xiaohongshu": (0.4, 1.3), "zhihu": (0.3, 1.0), "smzdm": (0.3, 0.9), "bilibili": (0.1, 0.5)}.get(src, (0.02, 0.2))
        favorites = int(likes * rng.uniform(*fav_ratio))
        shares = int(likes * rng.uniform(0.01, 0.15))
        return dict(likes=likes, comments=comments, favorites=favorites, shares=shares, views=views)

    def images(self, slug, role, src):
        rng = self.rng
        n = {"note": (2, 6), "advertorial": (2, 5), "deal": (1, 2), "first_hand_review": (0, 4), "article": (0, 3),
             "video": (1, 1), "vague": (0, 1)}.get(role, (0, 2))
        tag = rid(rng, 6, "0123456789abcdef")
        return [f"https://img.example.com/demo/{slug}-{tag}{k + 1}.jpg" for k in range(rng.randint(*n))]

    # ---------- assembling ----------

    def expiry(self, age, want=None):
        rng = self.rng
        kind = want or rng.choices(["expired", "soon", "days", "none"], weights=[30, 22, 38, 10])[0]
        published = BASE - dt.timedelta(hours=age)
        if kind == "expired" and age < 4:
            kind = "soon"
        if kind == "expired":
            t = published + dt.timedelta(hours=rng.randint(2, max(2, min(age - 1, 96))))
        elif kind == "soon":
            t = BASE + dt.timedelta(hours=rng.randint(1, 20))
        elif kind == "days":
            t = BASE + dt.timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 12))
        else:
            return None, "none"
        t = t.replace(minute=59, second=59) if rng.random() < 0.6 else t.replace(minute=0, second=0)
        return t, kind

    def finish(self, *, src, role, kind, title, body, age, author, p, price=None, orig=None, cur=None, merchant=None,
               brand=FROM_PRODUCT, product=FROM_PRODUCT, expires=None, images=None, sponsored=False, interest=None, copy_of=None,
               scen=None, slug=None, check=True):
        eid, url = self.new_ids(src, kind, role, author, slug or (p["slug"] if p else "misc"))
        rng = self.rng
        th = p["thing"] if p else "goods"
        cur = cur or (p["cur"] if p else "CNY")
        item = {
            "external_id": eid,
            "url": url,
            "title": title,
            "body": body,
        }
        if kind:
            item["kind"] = kind
        published = BASE - dt.timedelta(hours=age)
        item.update({
            "published_at": iso(published),
            "age_hours": age,
            "author": {k: author[k] for k in AUTHOR_KEYS},
            "price": price if isinstance(price, str) or price is None else price_field(price, cur, th, rng),
            "original_price": orig if isinstance(orig, str) or orig is None else orig_field(orig, cur, th, rng),
            "currency": cur,
            "merchant": merchant,
            "brand": (p["brand"] if p else None) if brand is FROM_PRODUCT else brand,
            "product": (p["name"] if p else None) if product is FROM_PRODUCT else product,
            "expires_at": iso(expires) if expires else None,
            "images": images if images is not None else self.images(slug or (p["slug"] if p else "post"), role, src),
            "metrics": self.metrics(src, author, role),
            "source": src,
            "sponsored": sponsored,
            "demo_role": role,
            "interest": interest or p["interest"],
            "scenario": scen if scen is not None else scenarios_for(p, title, body),
        })
        if copy_of:
            item["copy_of"] = copy_of
        return item

    def accept(self, item, sig):
        self.items.append(item)
        self.sigs.append(sig)

    def max_sim(self, sig):
        best, idx = 0.0, None
        for i, other in enumerate(self.sigs):
            j = jaccard(sig, other)
            if j > best:
                best, idx = j, i
        return best, idx

    def title_clash(self, title):
        ts = shingles(title, "", 2)
        return any(jaccard(ts, shingles(other["title"], "", 2)) > TITLE_MAX for other in self.items)

    def add(self, make, tries=30):
        """make() -> item; retried until the text differs clearly from every item so far."""
        best = None
        for _ in range(tries):
            item = make()
            sig = shingles(item["title"], item["body"])
            sim, idx = self.max_sim(sig)
            if sim < DISTINCT_MAX and self.title_clash(item["title"]):
                sim = DISTINCT_MAX
            if sim < DISTINCT_MAX:
                self.accept(item, sig)
                return item
            if best is None or sim < best[0]:
                best = (sim, item, sig, idx)
            self.urls.discard(item["url"])
            self.eids.discard((item["source"], item["external_id"]))
        sim, item, sig, idx = best
        self.urls.add(item["url"])
        self.eids.add((item["source"], item["external_id"]))
        self.accept(item, sig)
        print(f"warning: kept an item at similarity {sim:.2f}: {item['title']!r} ~ {self.items[idx]['title']!r}",
              file=sys.stderr)
        return item


# ---------------------------------------------------------------------------------------------
# Role generators. Each returns a finished item (not yet accepted).
# ---------------------------------------------------------------------------------------------

def tname(p):
    s = short(p)
    if p["thing"] in ("book", "ticket", "hotel", "flight", "attraction") or p["brand"] in s:
        return s
    if p["g"] in ("otome", "mobile_games"):
        return f"《{s}》"
    return f"{p['brand']} {s}" if re.match(r"[A-Za-z0-9]", s) else f"{p['brand']}{s}"


def specs_of(p, rng, k):
    return [fill(s, rng) for s in rng.sample(p["specs"], min(k, len(p["specs"])))]


def pick_aud(p, rng):
    return rng.choice(INTEREST_META[p["interest"]]["aud"])


def competitors(p):
    same = [q for q in CATALOGUE if q["g"] == p["g"] and q is not p]
    return same or [q for q in CATALOGUE if q["interest"] == p["interest"] and q is not p]


def deal_price(p, rng):
    base, orig = p["price"], p["orig"]
    if base >= orig:
        return base, orig
    price = nice_price(base * rng.uniform(0.9, 1.04))
    if price >= orig:
        price = base
    return price, orig


def gen_deal(b, p, src, age, sponsored=False):
    rng = b.rng
    html = src in ("smzdm", "jd", "taobao", "pinduoduo")
    th, cur, it = p["thing"], p["cur"], p["interest"]
    price, orig = deal_price(p, rng)
    m = lambda x: money(x, cur, "car" if th == "car" else "goods")  # noqa: E731
    P_, O_ = m(price), m(orig)
    save = m(nice_price(orig - price) if orig - price >= 20 else round(orig - price, 1)) if orig > price else ""
    disc = f"{price / orig * 10:.1f}".rstrip("0").rstrip(".") if orig > price else ""
    merchant = merchant_for(src, p, rng)
    phase = festival_phase(age)
    fest = rng.choice({"pre": ["双11预售", "双11第一波", "双11提前购", "双11开门红"], "post": ["双11返场", "双11后", "双11尾声"],
                       "late": ["黑五", "双12预热", "年货节前", "11 月底"]}[phase])
    diff = m(nice_price(price * rng.uniform(0.03, 0.08))) if price > 30 else m(round(rng.uniform(2, 6), 1))
    cmp = rng.choice({"pre": [f"，比 618 便宜{diff}", "，双11提前锁价", "，近期最低", "，定金翻倍更划算", ""],
                      "post": [f"，比双11还低{diff}", "，和双11当天持平", "，刷新史低", f"，比上次好价便宜{diff}", ""],
                      "late": [f"，比双11还低{diff}", "，和双11持平", "，近半年最低", f"，比上次好价便宜{diff}", ""]}[phase])
    dn, tn, c = disp(p), tname(p), p["c"]
    expires, ekind = b.expiry(age)
    city = rng.choice(list(VENUES))

    # mechanisms
    if th == "ticket":
        mechs = ["大麦会员可优先购", f"每个账号限购 {rng.randint(2, 4)} 张", "开票即可在线选座", "需提前实名认证观演人",
                 f"学生票 {rng.choice(['5', '6', '7'])} 折（限量）", f"双人联票立减 {rng.choice([40, 60, 100])} 元"]
    elif th == "hotel":
        mechs = [f"携程超级会员再减 {rng.randint(20, 80)} 元", "周末不加价", "含双早", "入住前一天可免费取消", "连住两晚 8 折",
                 "会员日叠加券"]
    elif th == "flight":
        mechs = ["会员日特惠", "早鸟价", f"往返立减 {rng.randint(30, 120)} 元", "学生特惠", "支持免费改期一次"]
    elif th == "attraction":
        mechs = ["会员日特惠", "早鸟价", "两人同行再减", "学生特惠", "可免费改期一次", "提前 3 天预订"]
    elif th == "game":
        mechs = ["周年庆首充双倍重置", f"登录送 {rng.randint(10, 20)} 抽", "限时复刻卡池", "月卡叠加每日钻石", "新版本福利兑换码"]
    elif th == "car":
        mechs = [f"限时置换补贴 {rng.choice([5000, 8000, 10000, 15000])} 元", "5 年 0 息", "赠送家充桩及安装",
                 f"保险补贴 {rng.choice([3000, 4000, 5000])} 元", "报废更新补贴 2 万元"]
    else:
        # promotions belong to a platform: PLUS / E 卡 are JD's, 88VIP is Tmall's, 百亿补贴 is Pinduoduo's
        plat = ("jd" if "京东" in merchant or src == "jd" else
                "tb" if any(k in merchant for k in ("天猫", "淘宝", "飞猪")) or src == "taobao" else
                "pdd" if "拼多多" in merchant or src == "pinduoduo" else "other")
        a = rng.choice([x for x in (99, 199, 299, 499, 999, 1999, 4999) if x <= max(orig, 99)])
        tagged = [(f"领取满 {a} 减 {max(5, int(a * rng.uniform(0.05, 0.15)))} 元券", "jd tb other"),
                  ("PLUS 会员再享 95 折", "jd"), (f"下单立减 {rng.choice([10, 20, 30, 50, 100, 200])} 元", "jd tb pdd other"),
                  (f"晒单返 {rng.choice([5, 10, 20, 50])} 元 E 卡", "jd"), ("88VIP 再享 95 折", "tb"), ("凑单满 299 减 50", "jd tb"),
                  (f"店铺会员首单礼金 {rng.choice([5, 10, 15])} 元", "tb other"), (f"支付宝碰一下立减 {rng.choice([2, 5, 8])} 元", "tb"),
                  (f"前 {rng.choice([100, 200, 500])} 名付款送{rng.choice(['收纳袋', '小样', '保护套', '清洁套装'])}", "jd tb other"),
                  (f"百亿补贴直降 {rng.choice([30, 50, 100, 200, 300])} 元", "pdd"), (f"多人团再减 {rng.choice([3, 5, 10, 20])} 元", "pdd")]
        if th == "book":
            tagged = [("自营图书每满 100 减 50", "jd"), ("满 200 减 100", "jd tb other"), ("PLUS 会员再 95 折", "jd"),
                      ("叠加 10 元图书券", "jd tb other"), ("第二件半价", "tb other"), ("百亿补贴直降", "pdd"), ("多人团更便宜", "pdd")]
        elif it in ("digital", "appliances"):
            tagged += [("叠加国家补贴立减 15%（单件最高 500 元）", "jd tb pdd other"),
                       (f"以旧换新额外补贴 {rng.choice([100, 200, 300, 500])} 元", "jd tb other")]
        if phase == "pre":
            tagged.append((f"定金 {rng.choice([10, 20, 50, 100])} 元抵 {rng.choice([30, 60, 150, 300])} 元", "jd tb other"))
        mechs = [text for text, plats in tagged if plat in plats.split()]
    mech_list = rng.sample(mechs, rng.randint(1, 2))
    mech = "，".join(mech_list)

    # title
    if orig > price:
        titles = [f"【好价】{tn} 到手价{P_}，{cmp.strip('，') or '近期好价'}", f"{merchant}：{tn} {P_}（需用券）",
                  f"{fest}好价！{tn} 券后{P_}", f"历史低价：{tn} 仅{P_}，原价{O_}", f"{tn} {disc}折 到手{P_}",
                  f"{tn} 新低{P_} {merchant}", f"值得买：{tn} 叠加{mech_list[0][:8]}后{P_}", f"{tn} 直降{save} {merchant}",
                  f"手慢无：{tn} 今日{P_}", f"{tn}｜{merchant}{fest}价{P_}"]
        if price < 100 and cur == "CNY":
            titles += [f"白菜价！{tn} 仅{P_}包邮", f"{tn} {P_}包邮 囤货价"]
    elif th == "ticket":
        titles = [f"开票提醒：{tn}{city}站 {P_}起", f"{tn}{city}站加场！{merchant}{P_}起", f"{tn}{city}站 今日开售（{P_}档有票）"]
    elif th == "car":
        titles = [f"{tn} 现车充足，{P_}起", f"{tn} 限时政策：{mech_list[0]}", f"{tn} 本月购车权益汇总（{P_}起）"]
    elif th == "game":
        event = rng.choice(["周年庆", "新版本", "限时复刻", "双11活动"])
        titles = [f"{tn}{event}福利汇总", f"{tn}{event}：{mech_list[0]}", f"{tn} 月卡 {P_}｜{event}必领"]
    else:
        titles = [f"{tn} 补货开售 {P_}", f"{tn} 现货 {merchant} {P_} 不加价", f"提醒：{tn} {merchant}有货，{P_}"]
    title = rng.choice(titles)

    # body
    every = specs_of(p, rng, len(p["specs"]))   # all specs, shuffled: the first three go in the text
    s, spare = every[:3], every[3:]
    if th == "ticket":
        venue = rng.choice(VENUES[city])
        show = BASE + dt.timedelta(days=rng.randint(14, 70))
        p1 = rng.choice([f"{dn}{city}站{md(show)}在{venue}开唱，{merchant}{mech}。",
                         f"{city}站定了！{dn}，{md(show)}，{venue}，{mech}。"])
        parts = [p1, f"{s[0]}。最低档 {P_}，建议提前设置好观演人。",
                 rng.choice(["谨防黄牛，非官方渠道的票无法保障。", "退票按官方规则，开演前 7 天外可退。", "内场视野好但要站很久，带父母建议选看台。"])]
    elif th in ("hotel", "flight", "attraction"):
        room = rng.choice(["高级大床房", "双床房", "景观房", "家庭房"]) if th == "hotel" else rng.choice(["12 月工作日", "元旦前后", "寒假前", "周末"])
        p1 = rng.choice([f"{dn}{mech}，{room}{P_}（平时{O_}左右）{cmp}。", f"{merchant}上{dn}{mech}，{room}只要{P_}{cmp}。"])
        parts = [p1, f"{s[0]}；{s[1]}。", rng.choice(["价格随时会变，以下单页为准。", "节假日会涨价，需要的趁早。", "不可叠加其他优惠。"])]
    elif th == "car":
        p1 = f"{dn}{mech}，{rng.choice(['官方指导价', '厂商指导价'])}{O_}，{rng.choice(['终端优惠后', '算上补贴'])}{P_}起{cmp}。"
        parts = [p1, f"{s[0]}；{s[1]}。", rng.choice(["具体优惠以门店为准，各地不同。", "建议多跑两家店比价。", "金融方案注意看清手续费。"])]
    else:
        p1 = rng.choice([f"{merchant}目前{dn}售价{O_}，{mech}，到手价{P_}{cmp}。",
                         f"{dn}在{merchant}{mech}，实付{P_}{cmp}，原价{O_}。",
                         f"{fest}期间{merchant}的{dn}{mech}后只要{P_}{cmp}。",
                         f"好价速报：{dn}，{merchant}{mech}，算下来{P_}。"])
        if th == "book":
            desc = rng.choice([f"简单说下这本书：{s[0]}；{s[1]}。", f"这本{s[0]}，{s[1]}。", f"内容方面，{s[0]}，{rng.choice(p['pros'])}。"])
        else:
            desc = rng.choice([f"简单说下这款{c}：{s[0]}；{s[1]}。", f"{dn.split(' ')[0]}这款{c}{s[0]}，{s[1]}。",
                               f"参数方面，{s[0]}，{s[1]}，{rng.choice(p['pros'])}。"])
        hist = ""
        if orig > price and rng.random() < 0.7:
            hl = m(nice_price(price * rng.uniform(0.96, 1.06)))
            avg = m(nice_price((price + orig) / 2 * rng.uniform(0.95, 1.05)))
            hist = f"历史最低{hl}，近 30 天均价{avg}，{rng.choice(['值得入手', '算是比较能打的价格', '不急可以再等等', '刚需可以冲'])}。"
        caution = rng.choice([f"注意：{rng.choice(p['cons'])}。", f"小提醒，{rng.choice(p['cons'])}，介意慎入。",
                              f"缺点是{rng.choice(p['cons'])}，其他没毛病。", ""])
        parts = [p1, desc, hist, caution]
    if expires is not None:
        parts.append(rng.choice([f"活动截至 {md(expires)} {expires:%H:%M}。", f"{md(expires)} {expires:%H:%M} 结束，{rng.choice(['库存紧张', '限量', '先到先得'])}。",
                                 f"优惠有效期到 {md(expires)}。"]))
    if html and rng.random() < 0.45:
        parts.insert(2, ul(spare + [f"亮点：{x}" for x in rng.sample(p["pros"], 2 if spare else min(3, len(p["pros"])))], True))
    imgs = b.images(p["slug"], "deal", src)
    if html and imgs and rng.random() < 0.6:
        parts.insert(1, f'<p><img src="{imgs[0]}" alt="{dn}"></p>')
    author = b.author_for(src, "deal", p["interest"])
    return b.finish(src=src, role="deal", kind="deal", title=title, body=paras(parts, html), age=age, author=author, p=p,
                    price=price, orig=orig, merchant=merchant, expires=expires, images=imgs, sponsored=sponsored)


def review_intro(p, rng, paid, merchant, period):
    th, dn = p["thing"], disp(p)
    city = rng.choice(CITIES)
    if th == "ticket":
        seat = rng.choice([f"内场 A 区 {rng.randint(5, 30)} 排", f"看台 {rng.randint(100, 400)} 区", f"二楼 {rng.randint(3, 12)} 排",
                           f"一楼池座 {rng.randint(8, 20)} 排", "站票靠后位置"])
        return rng.choice([f"上周末在{city}看了{dn}，票是在{merchant}抢的，{paid}的档位，坐在{seat}。",
                           f"{dn}{city}站看完回来了，位置是{seat}，票价{paid}。",
                           f"第{rng.choice(['一', '二', '三'])}次看现场，这次是{dn}，{seat}，{paid}。"])
    if th == "hotel":
        trip = rng.choice(["出差", "带爸妈旅行", "和对象周末出游", "带娃度假", "一个人特种兵旅行"])
        n = rng.randint(1, 4)
        return rng.choice([f"{rng.choice(AGO)}{trip}住了 {n} 晚{dn}，在{merchant}订的，每晚{paid}。",
                           f"这次{trip}选了{dn}，{merchant}下单，{n} 晚一共花了{money(int(float(re.sub(r'[^0-9.]', '', paid) or 0) * n), p['cur'])}左右。"])
    if th in ("flight", "attraction"):
        return f"{rng.choice(AGO)}去了一趟，{dn}，{merchant}买的，{paid}。"
    if th == "game":
        spent = rng.choice(["零氪", f"累计氪了 {rng.randint(30, 2000)} 元", "只买了月卡"])
        return rng.choice([f"{dn}玩了 {rng.randint(40, 300)} 小时，{spent}，{rng.choice(REASONS['game'])}。",
                           f"{rng.choice(REASONS['game'])}，入坑{dn}{period}，{spent}。"])
    if th == "book":
        return rng.choice([f"花了 {rng.randint(3, 14)} 天读完{dn}，{merchant}买的，到手{paid}。",
                           f"{rng.choice(REASONS['book'])}，于是在{merchant}下单了{dn}（{paid}）。"])
    if th == "car":
        return rng.choice([f"提车{period}，开了 {rng.randint(1500, 18000)} 公里，{dn}落地价{paid}。",
                           f"{rng.choice(REASONS['car'])}，最后订了{dn}，落地{paid}，到现在{period}。"])
    return rng.choice([f"{rng.choice(AGO)}在{merchant}入手的{dn}，实付{paid}。{rng.choice(REASONS['goods'])}。",
                       f"{rng.choice(REASONS['goods'])}，最后在{merchant}下单了{dn}，到手{paid}，到现在用了{period}。",
                       f"先说结论：{rng.choice(VERDICTS)}。{dn}是{rng.choice(AGO)}买的，{paid}，{period}下来说说真实感受。",
                       f"坐标{city}，{dn}用了{period}，不恰饭，纯自费（{paid}，{merchant}）。"])


def gen_review(b, p, src, age, sponsored=False):
    rng = b.rng
    html = src in ("zhihu", "smzdm")
    th, tn, dn = p["thing"], tname(p), disp(p)
    period = rng.choice(PERIODS)
    merchant = merchant_for(src, p, rng)
    price, orig = deal_price(p, rng)
    paid = money(price, p["cur"], "car" if th == "car" else "goods")
    aud = pick_aud(p, rng)
    comp = rng.choice(competitors(p))
    specs = specs_of(p, rng, 3)
    pros = rng.sample(p["pros"], min(len(p["pros"]), rng.randint(2, 3)))
    cons = rng.sample(p["cons"], min(len(p["cons"]), rng.randint(1, 2)))
    verdict = rng.choice(VERDICTS)
    if th == "ticket":
        titles = [f"{tn}观演体验：{verdict}", f"{tn} repo：{pros[0]}，但{cons[0]}", f"看完{tn}，说几句真心话"]
    elif th in ("hotel", "flight", "attraction"):
        titles = [f"{tn} 真实体验：{verdict}", f"{tn}：{pros[0]}，但{cons[0]}", f"{tn} 值不值？说说细节"]
    elif th == "game":
        titles = [f"{tn}玩了{period}，{verdict}", f"{tn}值得入坑吗？{aud}的真实感受", f"{tn}：{pros[0]}，{cons[0]}"]
    elif th == "book":
        titles = [f"读完{tn}：{verdict}", f"{tn}读后感｜{pros[0]}", f"{tn}值得读吗？"]
    elif th == "car":
        titles = [f"{tn} 提车{period}用车报告", f"{tn}开了{period}：{pros[0]}，{cons[0]}", f"{aud}买{tn}的真实体验"]
    else:
        titles = [f"{tn} 入手{period}真实体验：{verdict}", f"用了{period}的{tn}，说说优缺点", f"{tn} 深度评测：{specs[0]}",
                  f"对比了{tname(comp)}之后，我选了{tn}", f"{tn} 长测报告（{period}）", f"{paid}买的{tn}值不值？{period}后的回答",
                  f"自费购入{tn}，{len(pros)}个优点{len(cons)}个槽点", f"{tn}，{aud}值得买吗？"]
    title = rng.choice(titles)
    parts = [review_intro(p, rng, paid, merchant, period)]
    if sponsored:
        parts.insert(0, f"【品牌合作】本文产品由{p['brand']}提供，以下为个人真实使用体验。")
    ev = [w.format(s=s, period=period) for w, s in zip(rng.sample(EVIDENCE_WRAP, len(specs)), specs, strict=True)]
    parts.append(rng.choice(["；".join(ev) + "。", "。".join(ev[:2]) + "。"]))
    if th in ("goods", "car") and rng.random() < 0.7:
        cs = fill(rng.choice(comp["specs"]), rng)
        parts.append(rng.choice([f"之前用的是{tname(comp)}，对比下来{dn.split(' ')[-1]}{pros[0]}，不过{cons[0]}。",
                                 f"也对比了{tname(comp)}，它{cs}，但我更看重{pros[0]}。",
                                 f"和{tname(comp)}比，{pros[0]}这点赢了，{cons[0]}这点输了。"]))
    if html and rng.random() < 0.6:
        parts.append(ul([f"优点：{x}" for x in pros] + [f"缺点：{x}" for x in cons], True))
    else:
        parts.append(f"优点：{'、'.join(pros)}。缺点：{'；'.join(cons)}。")
    parts.append(f"总结：{verdict}，{rng.choice(AUDIENCE_LINE).format(aud=aud)}。")
    imgs = b.images(p["slug"], "first_hand_review", src)
    if html and imgs:
        parts.insert(2, f'<p><img src="{imgs[0]}" alt="{tn}实拍"></p>')
    author = b.author_for(src, "first_hand_review", p["interest"])
    return b.finish(src=src, role="first_hand_review", kind="review", title=title, body=paras(parts, html), age=age,
                    author=author, p=p, price=price if rng.random() < 0.6 else None, orig=None,
                    merchant=merchant, images=imgs, sponsored=sponsored)


def tags_for(p, rng, src, k=4):
    meta = INTEREST_META[p["interest"]]
    pool = meta["tags"] + [p["c"], p["brand"], GROUPS[p["g"]][1]]
    if p["g"] == "otome":
        pool += ["乙女游戏", p["name"]]
    seen, out = set(), []
    for t in rng.sample(pool, min(k, len(pool))):
        t = t.replace(" ", "")
        if t not in seen:
            seen.add(t)
            out.append(hashtag(t, src))
    return " ".join(out)


def gen_note(b, p, src, age, sponsored=False):
    rng = b.rng
    th, tn, dn, c = p["thing"], tname(p), disp(p), p["c"]
    emo = INTEREST_META[p["interest"]]["emoji"]
    e = rng.choice(emo) if rng.random() < 0.5 else rng.choice(EMOJI)
    price, orig = deal_price(p, rng)
    P_ = money(price, p["cur"], "car" if th == "car" else "goods")
    aud = pick_aud(p, rng)
    merchant = merchant_for(src, p, rng)
    specs = specs_of(p, rng, 2)
    pros = rng.sample(p["pros"], min(len(p["pros"]), 2))
    con = rng.choice(p["cons"])
    if th == "ticket":
        hooks = [f"{tn}｜第一次看演出的攻略", f"看完{tn}我哭成狗😭", f"{tn}避坑指南+座位视野", f"一个人去看{tn}是什么体验"]
    elif th in ("hotel", "flight", "attraction"):
        hooks = [f"{tn}｜人均{P_}的快乐", f"住/玩之前一定要看的{tn}攻略", f"{tn}真实体验，不是广告", f"{aud}的{tn}攻略"]
    elif th == "game":
        hooks = [f"乙游女孩看过来💌{tn}" if p["g"] == "otome" else f"{tn}｜新手入坑指南", f"{tn}｜{aud}入坑一个月感受",
                 f"谁懂啊！{tn}的男主太会了" if p["g"] == "otome" else f"{tn}零氪也能玩吗", f"{tn}抽卡记录｜{rng.randint(60, 180)}抽出金"]
    elif th == "book":
        hooks = [f"{tn}｜{rng.randint(3, 10)}天读完的书摘", f"今年读过最喜欢的书：{tn}", f"通勤路上读完了{tn}"]
    elif th == "car":
        hooks = [f"提车啦！{tn}", f"{tn}一个月用车感受", f"女生开{tn}是什么体验"]
    else:
        hooks = [f"谁懂啊！{c}界的天花板{tn}", f"被问爆的{c}｜{tn}真实分享", f"打工人{c}自用分享｜{tn}", f"{aud}闭眼抄作业｜{tn}",
                 f"后悔没早买的{c}！{tn}", f"{tn}｜一篇讲清楚要不要买", f"沉浸式开箱{tn}📦", f"{P_}的{c}值不值？{tn}",
                 f"{tn}｜{pros[0]}是真的"]
    title = e + rng.choice(hooks)
    if src == "weibo":
        lines = [rng.choice([f"今天到的{dn}，", f"入了{dn}，", f"安利一下最近在用的{dn}："]) + f"{pros[0]}，{specs[0]}。",
                 rng.choice([f"唯一不满意的是{con}。", f"缺点就是{con}。", f"{con}，不过能接受。"]),
                 rng.choice([f"{merchant}买的，{P_}。", f"价格{P_}，{rng.choice(['不算便宜', '还算良心', '活动价'])}。", ""]),
                 tags_for(p, rng, "weibo", 2)]
        if sponsored:
            lines.insert(0, f"【{p['brand']}合作】")
            lines.append(" " + hashtag("广告", "weibo"))
        body = "".join(lines)
    else:
        greet = rng.choice(GREET_XHS)
        lines = [greet + rng.choice([f"{rng.choice(AGO)}入了{dn}，用到现在来说说真实感受👇",
                                     f"最近被问最多的就是这个{c}，今天统一回复～", f"{rng.choice(REASONS['goods'])}，终于把{dn}带回家了！"]),
                 f"✅{pros[0]}", f"✅{specs[0]}", f"✅{pros[1] if len(pros) > 1 else specs[1]}", f"❌{con}",
                 f"💰价格：{P_}（{merchant}）" if rng.random() < 0.7 else f"📍购买渠道：{merchant}",
                 rng.choice(CLOSERS_XHS), tags_for(p, rng, "xiaohongshu" if src == "xiaohongshu" else "douyin", rng.randint(3, 5))]
        if sponsored:
            lines.insert(0, f"（本篇为{p['brand']}品牌合作，产品由品牌方提供）")
            lines[-1] += " " + hashtag("品牌合作", src)
        body = "\n".join(x for x in lines if x)
    author = b.author_for(src, "note", p["interest"])
    return b.finish(src=src, role="note", kind="note", title=title, body=body, age=age, author=author, p=p,
                    price=price if rng.random() < 0.5 else None, orig=None, merchant=merchant, sponsored=sponsored)


def gen_advertorial(b, p, src, age, sponsored=False):
    rng = b.rng
    th, tn, dn, c = p["thing"], tname(p), disp(p), p["c"]
    price, orig = deal_price(p, rng)
    if orig <= price:
        orig = nice_price(price * rng.uniform(1.4, 2.2))  # the usual inflated "原价"
    m = lambda x: money(x, p["cur"], "car" if th == "car" else "goods")  # noqa: E731
    P_, O_ = m(price), m(orig)
    save = m(nice_price(orig - price)) if orig - price >= 20 else m(round(orig - price, 1))
    aud = pick_aud(p, rng)
    merchant = merchant_for(src, p, rng)
    specs = specs_of(p, rng, 2)
    kind = "video" if src == "douyin" else "note"
    if sponsored:
        title = rng.choice([f"【品牌合作】{tn}体验｜{rng.choice(p['pros'])}", f"{tn}体验分享 #广告", f"感谢{p['brand']}寄来的{c}｜真实体验"])
        lines = [f"本内容由{p['brand']}赞助，产品为品牌方提供，以下为个人真实体验。",
                 f"用了{rng.choice(PERIODS)}，{specs[0]}；{specs[1]}。",
                 f"喜欢的地方：{'、'.join(rng.sample(p['pros'], min(2, len(p['pros']))))}。",
                 f"需要注意：{rng.choice(p['cons'])}。",
                 f"目前{merchant}售价{P_}，大家按需购买。",
                 hashtag("广告", src) + " " + hashtag("品牌合作", src)]
        body = "\n".join(lines)
    else:
        title = rng.choice(HYPE_TITLES).format(tn=tn, c=c, P=P_, n=rng.randint(3, 50), save=save, aud=aud)
        extra = HYPE_EXTRA.get(p["interest"], ["闭眼入", "谁用谁知道"])
        lines = [rng.choice(["家人们！！", "姐妹们冲！", "所有人听我说！", "我真的不允许还有人不知道这个！", "宝子们注意了‼️"]) +
                 rng.choice([f"今天给大家带来的是{dn}！原价{O_}，今天只要{P_}！", f"{dn}今天直降{save}，只要{P_}！！",
                             f"{dn}，{rng.choice(HYPE_CLAIMS)}！原价{O_}现在{P_}！"]),
                 f"{specs[0]}，{rng.choice(HYPE_CLAIMS)}！{rng.choice(extra)}！",
                 rng.choice(["全网最低价，闭眼入！", "不买后悔系列！", "买到就是赚到！", "真的是闭眼入！"]),
                 rng.choice(URGENCY).format(n=rng.randint(3, 99)) + "，" + rng.choice(["赶紧冲！", "冲冲冲！", "手慢无！", "抓紧上车！"]),
                 rng.choice(CTA) + rng.choice(["👇👇", "～", "！！", "🔥"]),
                 " ".join(hashtag(t, src) for t in rng.sample(["好物推荐", "闭眼入", "限时秒杀", "必买清单", p["c"], "全网最低"], 3))]
        body = "\n".join(lines)
    author = b.author_for(src, "advertorial", p["interest"])
    return b.finish(src=src, role="advertorial", kind=kind, title=title, body=body, age=age, author=author, p=p,
                    price=price, orig=orig, merchant=merchant, sponsored=sponsored)


def gen_vague(b, p, src, age, sponsored=False, drop_kind=False):
    rng = b.rng
    frags = rng.sample(VAGUE_FRAGS, rng.randint(2, 3))
    seps = ["，", "。", "！", " "]
    text = frags[0]
    for f in frags[1:]:
        text += rng.choice(seps) + f
    if rng.random() < 0.5:
        text = rng.choice([f"{short(p)}，", f"买了{p['c']}，", f"{p['brand']}的{p['c']}，"]) + text
    if rng.random() < 0.5:
        text += rng.choice(EMOJI) * rng.randint(1, 3)
    shop = src in ("jd", "taobao", "pinduoduo")
    title = frags[0] if shop else rng.choice([short(p), "分享一下", frags[0], f"{p['c']}到了", "好用", "记录一下"])
    kind = None if drop_kind else ("review" if shop else "note")
    author = b.author_for(src, "vague", p["interest"])
    return b.finish(src=src, role="vague", kind=kind, title=title, body=text, age=age, author=author, p=p,
                    price=None, orig=None, merchant=merchant_for(src, p, rng) if shop else None,
                    brand=None if not shop and rng.random() < 0.5 else p["brand"],
                    product=None if not shop and rng.random() < 0.5 else p["name"])


def gen_article(b, p, src, age, sponsored=False):
    rng = b.rng
    group = [q for q in CATALOGUE if q["g"] == p["g"]]
    if len(group) < 3:
        group = [q for q in CATALOGUE if q["interest"] == p["interest"]]
    others = [q for q in group if q is not p]
    chosen = [p] + rng.sample(others, min(len(others), rng.randint(2, 3)))
    rng.shuffle(chosen)
    gz = GROUPS[p["g"]][1] if len([q for q in chosen if q["g"] == p["g"]]) == len(chosen) else interest_name(p)
    meta = INTEREST_META[p["interest"]]
    crit = crit_for(p, rng, 3)
    aud = rng.choice(meta["aud"])
    prices = [q["price"] for q in chosen]
    budget = nice_price(max(prices) * 1.05)
    m = lambda q, x: money(x, q["cur"], "car" if q["thing"] == "car" else "goods")  # noqa: E731
    n, th = len(chosen), p["thing"]
    if th == "ticket":
        titles = [f"年底演出季怎么选？{n} 场{gz}观演攻略", f"第一次去看{gz}？座位、票档、交通一篇讲清",
                  f"今年冬天值得看的 {n} 场{gz}", f"{gz}怎么抢票、怎么选座：{crit[0]}和{crit[1]}最重要"]
    elif th == "book":
        titles = [f"{aud}书单：{n} 本{gz}推荐", f"有哪些值得一读的{gz}？{n} 本真心推荐", f"今年读过的 {n} 本好书（{gz}篇）"]
    elif th in ("hotel", "flight", "attraction"):
        titles = [f"{gz}怎么订最划算？{n} 个实测案例", f"{aud}的{gz}攻略：{crit[0]}和{crit[1]}怎么取舍", f"冬季出行{gz}清单｜{aud}版"]
    elif th == "game":
        titles = [f"{gz}入坑指南：{n} 款热门作品对比", f"2026 年还值得玩的{gz}有哪些？", f"{aud}适合玩哪款{gz}？"]
    elif th == "car":
        titles = [f"{m(p, budget)}预算买{gz}？{n} 款热门车型对比", f"{gz}怎么选：{crit[0]}和{crit[1]}最重要", f"{aud}买{gz}的避坑指南"]
    else:
        titles = [f"2026 年{gz}怎么选？{n} 款热门型号横评", f"{m(p, budget)}以内买{gz}，看这一篇就够了",
                  f"双11后{gz}选购指南：不同人群怎么选", f"{gz}选购避坑指南：{crit[0]}和{crit[1]}最重要",
                  f"有哪些值得买的{gz}？{rng.choice(['用过', '对比过', '踩过坑'])} {n} 款后的真心推荐", f"{gz}入门清单｜{aud}版"]
    title = rng.choice(titles)
    parts = [rng.choice([f"这篇写给{aud}。挑{gz}主要看{crit[0]}、{crit[1]}和{crit[2]}，其他参数差别没那么大。",
                         f"经常有人私信问{gz}怎么选，统一写一篇。先说原则：{crit[0]}优先，其次{crit[1]}，最后看{crit[2]}。",
                         f"每年双11都有一堆{gz}推荐，但很多是广告。下面几款都是我自己或身边朋友实际用过的，重点说{crit[0]}和{crit[1]}。"])]
    for i, q in enumerate(chosen, 1):
        qs = specs_of(q, rng, 2)
        qp = rng.sample(q["pros"], min(2, len(q["pros"])))
        parts.append(f"<h3>{i}. {disp(q)}（参考价 {m(q, q['price'])}）</h3>")
        parts.append(rng.choice([f"{qs[0]}；{qs[1]}。优点是{'、'.join(qp)}；缺点是{rng.choice(q['cons'])}。",
                                 f"{'、'.join(qp)}是它最大的卖点，{qs[0]}。不足：{rng.choice(q['cons'])}。",
                                 f"实际体验：{qs[0]}，{qs[1]}。{rng.choice(q['cons'])}这点需要注意。"]))
    a, bq = rng.sample(chosen, 2)
    parts.append(f"总结一下：{rng.choice(['预算充足', '追求体验', '不差钱'])}选{disp(a)}，{rng.choice(['追求性价比', '预算有限', '第一次买'])}选{disp(bq)}。"
                 + rng.choice(["价格以实际下单页为准。", "以上均为自费购买，没有任何推广。", "有问题评论区见。", ""]))
    imgs = b.images(p["slug"], "article", src)
    if imgs:
        parts.insert(1, f'<p><img src="{imgs[0]}" alt="{gz}横评"></p>')
    author = b.author_for(src, "article", p["interest"])
    return b.finish(src=src, role="article", kind="article", title=title, body=paras(parts, True), age=age, author=author,
                    p=p, price=None, orig=None, cur="CNY", merchant=None, brand=None, product=None, images=imgs, sponsored=sponsored)


def interest_name(p):
    return INTERESTS[p["interest"]]


def gen_video(b, p, src, age, sponsored=False):
    rng = b.rng
    th, tn, dn, c = p["thing"], tname(p), disp(p), p["c"]
    price, _ = deal_price(p, rng)
    P_ = money(price, p["cur"], "car" if th == "car" else "goods")
    period = rng.choice(PERIODS)
    crit = crit_for(p, rng, 2)
    comp = rng.choice(competitors(p))
    specs = specs_of(p, rng, 2)
    verdict = rng.choice(VERDICTS)
    if src == "bilibili":
        title = rng.choice([f"【{rng.choice(['首发', '深度', '长测', '自费'])}】{tn}上手体验｜值不值得买？", f"{tn} {period}深度体验：{verdict}",
                            f"花{P_}买的{tn}，到底香不香？", f"{GROUPS[p['g']][1]}横评：{tn} vs {tname(comp)}",
                            f"一镜到底看完{tn}", f"{tn}开箱｜{rng.choice(p['pros'])}"])
        stages = CHAPTERS[th if th in CHAPTERS else "goods"]
        chapters = [rng.choice(st) for k, st in enumerate(stages) if k in (0, len(stages) - 1) or rng.random() < 0.6]
        t, lines = 0, []
        for ch in chapters:
            lines.append(f"{t // 60:02d}:{t % 60:02d} {ch}")
            t += rng.randint(40, 200)
        body = "\n".join([
            rng.choice([f"本期视频我们用了{period}时间实测{dn}，重点聊聊{crit[0]}和{crit[1]}。",
                        f"这期聊{dn}：{specs[0]}，{specs[1]}。", f"{dn}到底适不适合你？这期一次说清楚。"]),
            *lines,
            rng.choice(VIDEO_NOTES).format(dn=dn, n=rng.randint(3, 20)),
            f"BGM：{rng.choice(BGM)}" if rng.random() < 0.6 else "",
            rng.choice(VIDEO_ENDS).format(comp=tname(comp)),
        ])
    else:
        title = rng.choice([f"{tn}到底值不值？{specs[0]}", f"{period}真实体验{tn}", f"{c}怎么选？看完这条不踩坑",
                            f"{P_}的{tn}，{verdict}"])
        body = " ".join([rng.choice([f"实测{dn}：{specs[0]}。", f"{dn}用了{period}，{specs[0]}，{specs[1]}。"]),
                         f"{rng.choice(p['pros'])}，但{rng.choice(p['cons'])}。",
                         hashtag("好物分享", "douyin"), hashtag(c.replace(" ", ""), "douyin"), hashtag(p["brand"].replace(" ", ""), "douyin")])
    author = b.author_for(src, "video", p["interest"])
    return b.finish(src=src, role="video", kind="video", title=title, body=body, age=age, author=author, p=p,
                    price=price if rng.random() < 0.4 else None, orig=None, merchant=None, sponsored=sponsored)


GENERATORS = {"deal": gen_deal, "first_hand_review": gen_review, "note": gen_note, "advertorial": gen_advertorial,
              "vague": gen_vague, "article": gen_article, "video": gen_video}


# ---------------------------------------------------------------------------------------------
# Real reviews from the shopping-reviews corpus
# ---------------------------------------------------------------------------------------------

# category -> (how many long reviews, how many short "vague" ones)
REAL_PLAN = [("书籍", 13, 1), ("手机", 7, 1), ("计算机", 7, 1), ("平板", 7, 1), ("水果", 8, 1), ("蒙牛", 6, 1),
             ("洗发水", 8, 1), ("热水器", 5, 1), ("衣服", 11, 1), ("酒店", 13, 1)]
BAD_ANY = re.compile(r"http|www|\.com|QQ|qq|@|微信|电话|\d{7,}|�|\?{2,}|&[a-z]+;|[\u4e00-\u9fff]\?[\u4e00-\u9fff]")
OLD_TECH = re.compile(r"诺基亚|塞班|摩托|多普达|索爱|彩信|java|JAVA|GPRS|WAP|wap|手写|按键|万像素|[xX][pP]|[vV]ista|VISTA|"
                      r"[wW][iI][nN]7|光驱|软驱|上网本|奔腾|酷睿2|迅驰|赛扬|DDR2|MP3|mp3|MP4|内存卡|2G|3G|win8|WIN8|Win8")
CRUDE = re.compile(r"撸|妈的|他妈|尼玛|操你|傻逼|[Ss][Bb]|我擦|卧槽|妈，蛋|日了|屌|坑爹|滚")
MILK_NEWS = re.compile(r"据|记者|报道|公司|市场|股|毛利|评级|董事|回复|三聚氰胺|转发|乳业|企业|行业|@|产品线")


def adhoc(interest_g, c, slug, brand, name, price, merch):
    p = P(interest_g, c, slug, brand, name, price, price, merch, "-", "-", "-")
    p["thing"] = thing_of(p)
    return p


def real_product(cat, text, rng):
    """A plausible product for a real review: brand keywords in the text win, else a random likely one."""
    C = CAT_BY_SLUG

    def first(pairs, default):
        for words, prod in pairs:
            if re.search(words, text):
                return prod() if callable(prod) else prod
        return rng.choice(default) if isinstance(default, list) else default

    if cat == "手机":
        return first([("华为", C["mate-70-pro"]), ("苹果|iPhone|iphone|IPHONE", C["iphone-17-pro"]),
                      ("红米|Redmi", C["redmi-k80"]), ("小米", C["xiaomi-15-ultra"]), ("vivo|VIVO", C["vivo-x200-pro"]),
                      ("一加", C["oneplus-13"]), ("三星", adhoc("phones", "手机", "samsung-s25", "三星", "Galaxy S25 12+256GB", 5999, "三星官方旗舰店|京东自营")),
                      ("OPPO|oppo", adhoc("phones", "手机", "oppo-find-x8", "OPPO", "Find X8 12+256GB", 4199, "OPPO 官方旗舰店|京东自营")),
                      ("荣耀", adhoc("phones", "手机", "honor-magic7", "荣耀", "Magic7 Pro 12+256GB", 5699, "荣耀官方旗舰店|京东自营"))],
                     [C["redmi-k80"], C["vivo-x200-pro"], C["oneplus-13"], C["mate-70-pro"]])
    if cat == "计算机":
        return first([("ThinkPad|thinkpad|小黑", C["thinkpad-x1"]), ("拯救者|游戏本", C["legion-y9000p"]),
                      ("苹果|[Mm]ac", C["macbook-air-m4"]), ("华为", C["matebook-x-pro"]),
                      ("戴尔|DELL|Dell|dell", adhoc("computers", "笔记本电脑", "dell-inspiron-14", "戴尔", "灵越 14 Plus", 5499, "戴尔官方旗舰店|京东自营")),
                      ("惠普|HP|hp", adhoc("computers", "笔记本电脑", "hp-zhan-66", "惠普", "战 66 六代 14 英寸", 4699, "惠普官方旗舰店|京东自营")),
                      ("华硕|ASUS|asus", adhoc("computers", "笔记本电脑", "asus-vivobook-pro14", "华硕", "无畏 Pro14", 4999, "华硕官方旗舰店|京东自营")),
                      ("宏碁|acer|Acer", adhoc("computers", "笔记本电脑", "acer-swift-go", "宏碁", "非凡 Go 14", 3999, "宏碁官方旗舰店|京东自营")),
                      ("联想", adhoc("computers", "笔记本电脑", "lenovo-xiaoxin-pro14", "联想", "小新 Pro14 2025", 4999, "联想官方旗舰店|京东自营"))],
                     [C["thinkpad-x1"], C["legion-y9000p"], adhoc("computers", "笔记本电脑", "lenovo-xiaoxin-pro14", "联想", "小新 Pro14 2025", 4999, "联想官方旗舰店|京东自营"),
                      adhoc("computers", "笔记本电脑", "hp-zhan-66", "惠普", "战 66 六代 14 英寸", 4699, "惠普官方旗舰店|京东自营")])
    if cat == "平板":
        return first([("华为", C["matepad-pro-13"]), ("苹果|[iI][pP]ad|IPAD", C["ipad-air-m3"]), ("小米", C["xiaomi-pad-7-pro"]),
                      ("联想", adhoc("tablets", "平板", "lenovo-xiaoxin-pad", "联想", "小新 Pad Pro 12.7", 1799, "联想官方旗舰店|京东自营")),
                      ("三星", adhoc("tablets", "平板", "samsung-tab-s10", "三星", "Galaxy Tab S10+", 6999, "三星官方旗舰店|京东自营"))],
                     [C["xiaomi-pad-7-pro"], C["matepad-pro-13"], adhoc("tablets", "平板", "honor-pad-9", "荣耀", "平板 9 12.1 英寸", 1399, "荣耀官方旗舰店|京东自营")])
    if cat == "水果":
        return first([("苹果", adhoc("fruit", "苹果", "luochuan-apple", "洛川苹果", "陕西洛川红富士 5 斤装", 39.9, "拼多多百亿补贴|京东生鲜|淘宝")),
                      ("橙", C["gannan-navel-orange"]), ("猕猴桃|奇异果", C["zespri-sungold"]), ("车厘子|樱桃", C["chile-cherries-jjj"]),
                      ("芒果", adhoc("fruit", "芒果", "panzhihua-mango", "攀枝花芒果", "凯特芒果 5 斤装", 49.9, "拼多多百亿补贴|京东生鲜")),
                      ("梨", adhoc("fruit", "梨", "dangshan-pear", "砀山酥梨", "果园直发 5 斤装", 19.9, "拼多多百亿补贴|淘宝")),
                      ("柚", adhoc("fruit", "柚子", "guanxi-pomelo", "琯溪蜜柚", "红心蜜柚 2 个装", 29.9, "拼多多百亿补贴|淘宝")),
                      ("葡萄", adhoc("fruit", "葡萄", "shine-muscat", "阳光玫瑰", "青提 2 斤装", 39.9, "京东生鲜|盒马"))],
                     adhoc("fruit", "水果", "seasonal-fruit-box", "果园直发", "当季水果礼盒 5 斤装", 59.9, "拼多多百亿补贴|京东生鲜|淘宝"))
    if cat == "蒙牛":
        return first([("特仑苏", C["telunsu-milk"]), ("纯甄|酸奶|酸牛奶", adhoc("dairy", "酸奶", "mengniu-chunzhen", "蒙牛", "纯甄 常温酸奶 200g×24", 69, "京东自营|天猫超市|拼多多百亿补贴")),
                      ("未来星", adhoc("dairy", "儿童奶", "mengniu-future-star", "蒙牛", "未来星 儿童成长牛奶 190ml×12", 45, "京东自营|天猫超市")),
                      ("真果粒", adhoc("dairy", "乳饮料", "mengniu-fruit-milk", "蒙牛", "真果粒 草莓味 250g×12", 39.9, "京东自营|拼多多百亿补贴"))],
                     [C["telunsu-milk"], adhoc("dairy", "牛奶", "mengniu-pure-milk", "蒙牛", "纯牛奶 250ml×24", 52, "京东自营|天猫超市|拼多多百亿补贴")])
    if cat == "洗发水":
        return first([("海飞丝", C["head-shoulders"]), ("阿道夫", C["adolph-shampoo"]), ("卡诗", C["kerastase-densifique"]),
                      ("清扬", adhoc("haircare", "洗发水", "clear-men", "清扬", "男士去屑洗发水 720g", 69.9, "京东自营|天猫超市")),
                      ("潘婷", adhoc("haircare", "洗发水", "pantene-3min", "潘婷", "3 分钟奇迹 洗发露 500ml", 59.9, "京东自营|天猫超市")),
                      ("飘柔", adhoc("haircare", "洗发水", "rejoice-family", "飘柔", "家庭装洗发水 1L", 49.9, "京东自营|拼多多百亿补贴")),
                      ("沙宣", adhoc("haircare", "洗发水", "vs-sassoon", "沙宣", "修护水养洗发露 750ml", 79, "京东自营|天猫超市")),
                      ("施华蔻", adhoc("haircare", "洗发水", "schwarzkopf", "施华蔻", "羊绒脂洗发水 600ml", 69, "京东自营|天猫超市")),
                      ("霸王", adhoc("haircare", "洗发水", "bawang", "霸王", "防脱洗发液 400ml", 59, "京东自营|拼多多百亿补贴"))],
                     [C["head-shoulders"], C["adolph-shampoo"], adhoc("haircare", "洗发水", "rejoice-family", "飘柔", "家庭装洗发水 1L", 49.9, "京东自营|拼多多百亿补贴")])
    if cat == "热水器":
        return first([("美的", C["midea-water-heater-60l"]), ("海尔", C["haier-gas-16l"]), ("史密斯", C["aosmith-gas-16l"]), ("林内", C["rinnai-16l"]),
                      ("万和", adhoc("water_heaters", "燃气热水器", "vanward-16l", "万和", "16 升燃气热水器 恒温款", 1599, "京东自营|万和官方旗舰店")),
                      ("万家乐", adhoc("water_heaters", "电热水器", "macro-60l", "万家乐", "60 升电热水器 一级能效", 999, "京东自营|万家乐官方旗舰店"))],
                     [C["midea-water-heater-60l"], adhoc("water_heaters", "电热水器", "macro-60l", "万家乐", "60 升电热水器 一级能效", 999, "京东自营|万家乐官方旗舰店")])
    if cat == "衣服":
        brand = rng.choice(["森马", "海澜之家", "优衣库", "太平鸟", "唐狮", "以纯"])
        kinds = [("羽绒服", "羽绒服", 399, "down-jacket"), ("裤", "休闲裤", 129, "trousers"), ("T恤|t恤|短袖", "圆领 T 恤", 59, "t-shirt"),
                 ("衬衫", "长袖衬衫", 149, "shirt"), ("裙", "针织连衣裙", 199, "dress"), ("外套|夹克", "夹克外套", 259, "jacket"),
                 ("卫衣", "连帽卫衣", 159, "hoodie"), ("毛衣|针织", "圆领毛衣", 179, "sweater"), ("大衣", "毛呢大衣", 499, "coat")]
        for words, name, price, slug in kinds:
            if re.search(words, text):
                return adhoc("clothing", name, f"clothing-{slug}", brand, name, price, f"{brand}官方旗舰店|淘宝|拼多多百亿补贴")
        name = rng.choice(["休闲上衣", "基础款打底衫", "针织开衫", "休闲套装"])
        return adhoc("clothing", "上衣", "clothing-top", brand, name, 99, f"{brand}官方旗舰店|淘宝|拼多多百亿补贴")
    if cat == "酒店":
        chains = ["如家", "汉庭", "全季", "亚朵", "锦江之星", "7天", "维也纳", "希尔顿", "万豪", "喜来登", "洲际", "香格里拉", "假日"]
        chain = next((ch for ch in chains if ch in text), None) or rng.choice(["全季", "亚朵", "维也纳", "锦江都城", "如家商旅"])
        cities = ["北京", "上海", "广州", "深圳", "杭州", "成都", "南京", "武汉", "西安", "重庆", "苏州", "长沙", "厦门", "青岛",
                  "天津", "大连", "三亚", "桂林", "丽江", "昆明", "哈尔滨", "沈阳", "济南", "郑州", "合肥", "福州", "宁波", "无锡"]
        city = next((ci for ci in cities if ci in text), "")
        branch = "机场店" if "机场" in text else "火车站店" if "火车站" in text or "车站" in text else rng.choice(["市中心店", "会展中心店", "步行街店", "开发区店"])
        price = rng.choice([199, 259, 329, 399, 459, 599, 799])
        p = adhoc("hotels", "酒店", "hotel-review", chain, f"{chain}酒店（{city}{branch}）", price, "携程|美团|飞猪")
        return p
    # 书籍
    book = re.search(r"《([^》]{2,15})》", text).group(0)
    return adhoc("fiction", "图书", "book-review", "", book, rng.choice([19.9, 26, 32.8, 39, 45, 59]), "京东自营|当当|淘宝")


def load_reviews(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            text = re.sub(r"\s+", " ", d["text"].replace("\ufeff", "")).strip()
            rows.append((d["id"], d["category"], int(d["label"]), text))
    rows.sort()
    return rows


def real_candidates(rows, cat, short):
    out = []
    for rid_, c, label, text in rows:
        if c != cat:
            continue
        n = len(text)
        if short and not 12 <= n <= 34:
            continue
        if not short and not 45 <= n <= 300:
            continue
        if BAD_ANY.search(text) or CRUDE.search(text) or (cat in ("手机", "计算机", "平板") and OLD_TECH.search(text)):
            continue
        if cat == "蒙牛" and (MILK_NEWS.search(text) or not re.search(r"喝|味道|口感|奶", text)):
            continue
        if cat == "书籍":
            found = set(re.findall(r"《([^》]{2,15})》", text))
            if len(found) != 1:
                continue
        out.append((rid_, label, text))
    return out


def first_clause(text):
    parts = [x for x in re.split(r"[，。！？!?,.；;~～ …]+", text) if x]
    for x in parts:
        if 6 <= len(x) <= 22:
            return x
    return (text[:18] + "…") if len(text) > 18 else text


def add_real_reviews(b, path):
    rng = b.rng
    rows = load_reviews(path)
    used = 0
    for cat, n_long, n_short in REAL_PLAN:
        for short, n in ((False, n_long), (True, n_short)):
            cands = real_candidates(rows, cat, short)
            pos = [c for c in cands if c[1] == 1]
            neg = [c for c in cands if c[1] == 0]
            n_neg = 0 if short else max(1, round(n * 0.3))
            picks = rng.sample(pos, min(len(pos), n - n_neg + 8)) + rng.sample(neg, min(len(neg), n_neg + 4))
            want_pos, want_neg = n - n_neg, n_neg
            for _rid, label, text in picks:
                if label == 1 and want_pos <= 0 or label == 0 and want_neg <= 0:
                    continue
                sig = shingles("", text)
                if b.max_sim(sig)[0] >= DISTINCT_MAX:
                    continue
                item = make_real_item(b, cat, text, short)
                if item is None:
                    continue
                b.accept(item, shingles(item["title"], item["body"]))
                used += 1
                if label == 1:
                    want_pos -= 1
                else:
                    want_neg -= 1
                if want_pos <= 0 and want_neg <= 0:
                    break
    return used


def make_real_item(b, cat, text, short):
    rng = b.rng
    p = real_product(cat, text, rng)
    if cat == "酒店":
        src = rng.choice(["dianping", "dianping", "dianping", "taobao"])
    elif cat == "水果":
        src = rng.choice(["pinduoduo", "pinduoduo", "taobao", "jd"])
    elif cat == "衣服":
        src = rng.choice(["taobao", "taobao", "pinduoduo", "jd"])
    else:
        src = rng.choice(["jd", "jd", "jd", "taobao", "pinduoduo"])
    role = "vague" if short else "first_hand_review"
    clause = first_clause(text)
    tn = p["name"] if p["thing"] in ("book", "hotel") else tname(p)
    if short:
        title = clause
    elif cat == "酒店":
        title = rng.choice([f"{tn}入住点评：{clause}", clause, f"{clause}｜{p['brand']}酒店"])
    elif cat == "书籍":
        title = rng.choice([f"{tn}｜{clause}", f"{clause}——{tn}读后", clause])
    else:
        title = rng.choice([clause, f"{tn}买家评价：{clause}", f"【买家秀】{clause}", f"{clause}——{tn}使用感受"])
    age = rng.randint(1, MAX_AGE_HOURS)
    author = b.author_for(src, role, "books" if cat == "书籍" else GROUPS[p["g"]][0])
    merchant = merchant_for(src, p, rng)
    slug = p["slug"]
    images = [] if short or rng.random() < 0.6 else b.images(slug, "first_hand_review", src)[:2]
    interest = GROUPS[p["g"]][0] if cat != "书籍" else "books"
    return b.finish(src=src, role=role, kind="review", title=title, body=text, age=age, author=author, p=p,
                    price=p["price"] if rng.random() < 0.5 else None, orig=None, merchant=merchant,
                    brand=p["brand"] or None, product=p["name"], images=images, interest=interest, slug=slug)


# ---------------------------------------------------------------------------------------------
# Hand-written specials: traditional Chinese, mixed Chinese-English, HKD / USD, the canonical
# examples tests look for.
# ---------------------------------------------------------------------------------------------

def add_specials(b):
    C = CAT_BY_SLUG

    def put(src, author_name, role, kind, slug, title, body, age, price=None, orig=None, cur=None, merchant=None,
            expires=None, sponsored=False, brand=FROM_PRODUCT, product=FROM_PRODUCT, interest=None):
        p = C[slug]
        author = b.author_by_name(src, author_name)
        item = b.finish(src=src, role=role, kind=kind, title=title, body=body, age=age, author=author, p=p, price=price,
                        orig=orig, cur=cur, merchant=merchant, expires=expires, sponsored=sponsored, brand=brand,
                        product=product, interest=interest)
        b.accept(item, shingles(item["title"], item["body"]))

    put("smzdm", "张大妈好价推荐", "deal", "deal", "airpods-pro-2",
        "【好价】Apple AirPods Pro 2 到手价1399元，比双11还低",
        "<p>京东自营 AirPods Pro 2（USB-C 版）今天叠加 PLUS 会员券到手 1399 元，比双11当天的 1479 元还低 80 元，刷新近半年最低价。</p>"
        "<p>这一代主动降噪在地铁里基本听不到报站，单次续航 6 小时左右，USB-C 充电盒终于和新 iPhone 的线统一了。</p>"
        "<ul><li>日常售价：1899 元</li><li>PLUS 券：满 1400 减 80（需领取）</li><li>到手：1399 元</li></ul>"
        "<p>活动截至 11月23日 23:59，库存不多，需要的值友可以冲。</p>",
        age=30, price="到手价1399", orig=1899, merchant="京东自营", expires=dt.datetime(2026, 11, 23, 23, 59, 59, tzinfo=BASE.tzinfo))
    put("weibo", "香港好價情報", "deal", "deal", "switch-2",
        "【香港好價】Switch 2 瑪利歐賽車 世界 同捆版 HKTVmall 減至 HK$3,580",
        "HKTVmall 今日限時優惠，Switch 2 瑪利歐賽車 世界 同捆版由 HK$3,880 減至 HK$3,580，再用指定信用卡優惠碼額外減 HK$100，"
        "即係 HK$3,480 到手。港版主機支援繁體中文，遊戲卡帶同國行通用唔鎖區。優惠去到 11月24日 23:59，每個帳戶限購 1 部，要買嘅快手。"
        "#Switch2# #香港好價#", age=20, price="HK$3,480", orig="HK$3,880", cur="HKD", merchant="HKTVmall",
        expires=dt.datetime(2026, 11, 24, 23, 59, 59, tzinfo=BASE.tzinfo))
    put("xiaohongshu", "港女日常Kiki", "note", "note", "estee-lauder-anr",
        "香港莎莎買小棕瓶真係抵過內地？實測價錢對比✨",
        "姐妹們～今次喺莎莎買咗雅詩蘭黛小棕瓶 50ml，會員價 HK$688，仲送咗 7ml 試用裝。換算返人民幣大概 630 蚊，比內地旗艦店雙11價仲平少少。\n"
        "✅ 質地水水地好易吸收\n✅ 捱夜之後第二朝面色真係冇咁暗啞\n❌ 香味有啲重，唔鍾意香味嘅要留意\n📍 尖沙咀廣東道分店，平日下晝人唔多\n"
        "#雅詩蘭黛[话题]# #香港購物[话题]# #護膚分享[话题]#", age=96, price=688, cur="HKD", merchant="莎莎 SaSa")
    put("dianping", "出差狗老王", "first_hand_review", "review", "hotel-icon-hk",
        "唯港薈住咗兩晚：海景房值唔值？",
        "今次出差住咗唯港薈兩晚，訂嘅係維港海景房，每晚 HK$1,980。房間 30 平米左右，設計感好強，床褥軟硬適中，瞓得好舒服。"
        "窗外就係維港，晚上八點幻彩詠香江喺房入面都睇到。早餐要另外加 HK$268，不過景觀一流。"
        "唯一缺點係由尖東站行過嚟要 10 分鐘，拖住行李有啲辛苦。整體 4.5 分，出差同情侶都啱。",
        age=150, price=1980, cur="HKD", merchant="Booking.com")
    put("xiaohongshu", "敷面膜的兔子", "note", "note", "skinceuticals-ce",
        "这个 CE serum 的 texture 真的 so good✨｜油皮 honest review",
        "姐妹们！用完第二瓶来交 homework 了～\nSkinCeuticals CE Ferulic 这瓶 vitamin C serum，texture 像水一样，上脸有一点 tingling，30 秒就没了。\n"
        "用了 6 weeks 之后 skin tone 明显更 even，同事都问我是不是换了粉底😂\n❌ downside：开封 2 个月颜色就 oxidize 变深，一定要放冰箱\n"
        "💰 机场 duty free 价 ¥1,080，比专柜便宜不少\n#修丽可[话题]# #CE精华[话题]# #护肤分享[话题]#", age=210, price="¥1,080", merchant="免税店")
    put("smzdm", "数码控Tommy", "deal", "deal", "steam-deck-oled",
        "海淘好价：Steam Deck OLED 512GB 美版官网 US$549，转运到手约 4200 元",
        "<p>Steam 美国官网 Steam Deck OLED 512GB 售价 <strong>US$549</strong>，需要美国地址，走转运大约 US$35 运费。</p>"
        "<p>按今天汇率算，加上运费和可能产生的税费，到手约 4200 元，比国内代购便宜 500 元左右。OLED 屏黑得纯，续航比 LCD 版长了一截。</p>"
        "<p>注意：官方不直邮中国，保修需要寄回美国；键盘配列是美版。</p>", age=60, price="US$549", orig=None, cur="USD",
        merchant="Steam 官方（美国）")
    put("smzdm", "白菜党老刘", "deal", "deal", "garmin-forerunner-265",
        "Amazon 美亚：Garmin Forerunner 265 直邮中国 $349.99",
        "<p>美亚 Garmin Forerunner 265 降到 <strong>$349.99</strong>（原价 $449.99），支持直邮中国，预估进口费 $35 左右。</p>"
        "<p>AMOLED 屏 + 训练准备度，跑马拉松的值友入门够用了。国行 2380 元左右，美亚到手约 2780 元，国行保修更省心，自行取舍。</p>",
        age=400, price=349.99, orig=449.99, cur="USD", merchant="Amazon 美国",
        expires=dt.datetime(2026, 11, 5, 23, 59, 59, tzinfo=BASE.tzinfo))
    put("weibo", "演出情报站", "deal", "deal", "jay-chou-carnival",
        "周杰伦「嘉年华」演唱会 上海站 12月开票提醒",
        "#周杰伦演唱会# 上海站定档！12月19日—21日 上海体育场，大麦网 11月25日 13:14 开票，票价 580/880/1280/1680/2080 元。"
        "每个账号限购 4 张，需提前实名认证观演人，开票前请完善大麦 App 购票人信息。谨防黄牛，切勿通过非官方渠道购票。",
        age=8, price="580元起", orig=None, merchant="大麦网",
        expires=dt.datetime(2026, 11, 25, 13, 14, 0, tzinfo=BASE.tzinfo))
    put("xiaohongshu", "Vivian在上海", "first_hand_review", "review", "mayday-back-to-that-day",
        "五月天回到那一天 北京站内场 repo｜哭到妆花😭",
        "内场 B 区 18 排，票价 1255 元，大麦第三轮才抢到。\n"
        "🎤 一共唱了 28 首，三个多小时没停，《倔强》全场合唱的时候我直接破防\n"
        "🔊 音响比去年鸟巢那场清楚很多，内场后排也不糊\n"
        "🚇 入场排了 40 分钟，散场去地铁站又排了 50 分钟，建议穿运动鞋\n"
        "❌ 内场是平地，前面个子高的话只能看大屏\n"
        "总之还会再去！#五月天[话题]# #演唱会[话题]# #回到那一天[话题]#", age=300, price=1255, merchant="大麦网")
    put("xiaohongshu", "乙女游戏研究所", "note", "note", "love-and-deepspace",
        "恋与深空｜入坑两个月，零氪党也能玩吗？💌",
        "宝子们，今天来聊聊《恋与深空》零氪的真实体验👇\n"
        "✅ 主线和约会剧情完全免费，3D 互动的沉浸感在乙游里是独一档\n"
        "✅ 每天做日常大概 20 分钟，两个月攒了 110 抽左右\n"
        "✅ 男主们的配音都很顶，耳机党狂喜🎧\n"
        "❌ 卡池节奏很密，想每个都抽到基本不可能，要学会挑自己本命\n"
        "❌ 部分活动剧情要卡面才能解锁\n"
        "结论：零氪能玩得很开心，月卡党体验会更好～\n#恋与深空[话题]# #乙女游戏[话题]# #乙游推荐[话题]#", age=130, price=None)
    item_author = b.author_by_name("weibo", "一个普通上班族")
    item = b.finish(src="weibo", role="vague", kind=None, title="这个真的很好用，推荐", body="这个真的很好用，推荐👍",
                    age=45, author=item_author, p=C["saturnbird-24"], price=None, orig=None, merchant=None, brand=None,
                    product=None, images=[])
    b.accept(item, shingles(item["title"], item["body"]))
    return 11


# ---------------------------------------------------------------------------------------------
# Copies
# ---------------------------------------------------------------------------------------------

SWAPS = [("非常", "特别"), ("推荐", "安利"), ("入手", "买了"), ("真的", "真滴"), ("价格", "价钱"), ("便宜", "实惠"), ("觉得", "感觉"),
         ("目前", "现在"), ("但是", "不过"), ("而且", "并且"), ("优点", "好处"), ("缺点", "不足"), ("值得", "值当"), ("很", "挺")]
PUNCT = [("，", ","), ("。", "."), ("！", "!"), ("：", ":"), ("？", "?"), ("；", ";")]
REPOST_PREFIX = ["转发：", "【转】", "转自网络：", "搬运｜", "看到一个好价分享给大家：", "Repost："]
WEIBO_COMMENTS = ["码住！", "马了", "mark 一下", "有用", "冲了", "已下单", "转给需要的朋友", "蹲一个", "学到了"]


def transform_text(text, rng, ops, html):
    if "swap" in ops:
        cands = [(a, b) for a, b in SWAPS if a in text]
        for a, b_ in rng.sample(cands, min(len(cands), rng.randint(1, 3))):
            text = text.replace(a, b_, 1 if rng.random() < 0.5 else -1)
    if "punct" in ops:
        for a, b_ in PUNCT:
            if rng.random() < 0.7:
                text = text.replace(a, b_)
        if rng.random() < 0.5:
            text = text.replace("!", "!!")
    if "emoji" in ops:
        add = rng.choice(["🔥🔥", "👍", "✨", "💰💰", "‼️", "🙏"]) + " " + hashtag(rng.choice(["好物分享", "羊毛", "好价", "必买清单", "种草"]), "weibo")
        text = text.replace("</p>", f" {add}</p>", 1) if html and "</p>" in text else text + " " + add
    return text


def make_copy(b, orig, src, exact=False):
    rng = b.rng
    html = orig["body"].lstrip().startswith("<")
    title, body = orig["title"], orig["body"]
    if not exact:
        for _ in range(10):
            ops = rng.sample(["swap", "punct", "emoji"], rng.randint(1, 3))
            t2 = transform_text(title, rng, [o for o in ops if o != "emoji"], False)
            bd = transform_text(body, rng, ops, html)
            style = "weibo" if src == "weibo" and rng.random() < 0.6 else "prefix" if rng.random() < 0.7 else "none"
            if style == "weibo":
                bd = f"{rng.choice(WEIBO_COMMENTS)}//@{orig['author']['name']}: {strip_tags(bd).strip()}"
                t2 = rng.choice(["转发微博", t2, "//@" + orig["author"]["name"] + ": " + t2])
            elif style == "prefix":
                pre = rng.choice(REPOST_PREFIX)
                t2 = pre + t2
                bd = bd.replace("<p>", f"<p>{pre}", 1) if html else pre + bd
            if t2 == title and bd == body:
                continue
            if jaccard(shingles(t2, bd), shingles(title, body)) >= COPY_MIN:
                title, body = t2, bd
                break
    # a copy comes later than its original, but (for deals) still before the offer ran out
    oldest = orig["age_hours"] - 1
    youngest = 1
    if orig["expires_at"]:
        until_expiry = (dt.datetime.fromisoformat(orig["expires_at"]) - BASE).total_seconds() / 3600
        youngest = max(1, math.floor(-until_expiry) + 1)
    youngest = max(youngest, oldest - 72)
    age = rng.randint(youngest, oldest) if youngest <= oldest else orig["age_hours"]
    author = b.author_for(src, "note" if orig["demo_role"] != "vague" else "vague", orig["interest"])
    kind = orig.get("kind")
    p = None
    item = b.finish(src=src, role="copy", kind=kind, title=title, body=body, age=age, author=author, p=p,
                    price=orig["price"], orig=orig["original_price"], cur=orig["currency"], merchant=orig["merchant"],
                    brand=orig["brand"], product=orig["product"],
                    expires=dt.datetime.fromisoformat(orig["expires_at"]) if orig["expires_at"] else None,
                    images=list(orig["images"]), sponsored=False, interest=orig["interest"],
                    copy_of=f"{orig['source']}:{orig['external_id']}", scen=list(orig["scenario"]), slug="copy")
    b.accept(item, shingles(item["title"], item["body"]))
    return item


COPY_TARGETS = {"deal": ["weibo", "weibo", "smzdm", "xiaohongshu", "douyin"],
                "other": ["weibo", "weibo", "xiaohongshu", "douyin", "zhihu", "smzdm", "bilibili"]}


def add_copies(b, near=31, exact=4):
    rng = b.rng
    originals = [it for it in b.items if not it["sponsored"] and it["demo_role"] != "vague" or it["title"] == "这个真的很好用，推荐"]
    by_role = collections.defaultdict(list)
    for it in originals:
        by_role[it["demo_role"]].append(it)
    quota = [("deal", 9), ("note", 7), ("advertorial", 6), ("first_hand_review", 6), ("video", 2), ("article", 1)]
    chosen = []
    for role, n in quota:
        chosen += rng.sample(by_role[role], n)
    chosen = chosen[:near]
    for orig in chosen:
        targets = [s for s in COPY_TARGETS["deal" if orig["demo_role"] == "deal" else "other"] if s != orig["source"]]
        make_copy(b, orig, rng.choice(targets))
    taken = {id(x) for x in chosen}
    exact_pool = ([it for it in by_role["advertorial"] if id(it) not in taken][:1] +
                  [it for it in by_role["deal"] if id(it) not in taken][:1] +
                  [it for it in by_role["note"] if id(it) not in taken][:1] +
                  [it for it in b.items if it["title"] == "这个真的很好用，推荐"])
    for orig in exact_pool[:exact]:
        targets = [s for s in ("weibo", "xiaohongshu", "douyin", "smzdm") if s != orig["source"]]
        make_copy(b, orig, rng.choice(targets), exact=True)


# ---------------------------------------------------------------------------------------------
# The plan: template items per interest and role
# ---------------------------------------------------------------------------------------------

DEFAULT_MIX = dict(deal=6, first_hand_review=5, note=4, article=2, video=2, advertorial=2, vague=2)
PLAN = {
    "digital": dict(deal=7, first_hand_review=7, note=4, article=3, video=4, advertorial=2, vague=2),
    "appliances": DEFAULT_MIX, "beauty": DEFAULT_MIX,
    "fashion": dict(deal=5, first_hand_review=4, note=4, article=1, video=2, advertorial=2, vague=1),
    "food": DEFAULT_MIX,
    "outdoor": dict(deal=6, first_hand_review=6, note=5, article=2, video=3, advertorial=2, vague=2), "toys": DEFAULT_MIX, "entertainment": DEFAULT_MIX,
    "games": dict(deal=6, first_hand_review=5, note=5, article=2, video=3, advertorial=1, vague=2),
    "books": dict(deal=4, first_hand_review=4, note=3, article=2, video=1, advertorial=1, vague=1),
    "travel": dict(deal=5, first_hand_review=3, note=3, article=2, video=2, advertorial=1, vague=1),
    "home": DEFAULT_MIX, "baby": DEFAULT_MIX, "pets": DEFAULT_MIX, "auto": DEFAULT_MIX,
}
# brand-paid posts that disclose it: (interest, role)
SPONSORED = [("beauty", "advertorial"), ("appliances", "advertorial"), ("digital", "advertorial"), ("games", "advertorial"),
             ("food", "note"), ("baby", "note"), ("home", "first_hand_review")]
# roles that want particular groups so the listed children are well represented
ROLE_SOURCE_OVERRIDES = {
    ("travel", "first_hand_review"): ["dianping", "dianping", "zhihu", "xiaohongshu"],
    ("entertainment", "first_hand_review"): ["xiaohongshu", "dianping", "zhihu", "weibo"],
    ("food", "first_hand_review"): ["dianping", "smzdm", "zhihu", "xiaohongshu", "jd"],
    ("entertainment", "deal"): ["weibo", "weibo", "smzdm", "xiaohongshu"],
    ("auto", "deal"): ["weibo", "smzdm", "douyin", "zhihu"],
    ("travel", "deal"): ["smzdm", "smzdm", "weibo", "taobao"],
    ("games", "note"): ["xiaohongshu", "xiaohongshu", "weibo", "bilibili"],
}


GROUP_WEIGHT = {"camping": 5, "blind_boxes": 4, "concerts": 4, "otome": 4, "hotels": 3, "skincare": 4}


def add_templates(b):
    rng = b.rng
    sponsored_left = list(SPONSORED)
    for interest, mix in PLAN.items():
        products = [p for p in CATALOGUE if p["interest"] == interest]
        roles = [r for r, n in mix.items() for _ in range(n)]
        rng.shuffle(roles)
        # round-robin over sub-categories (shuffled), so every listed child gets its share
        by_group = collections.defaultdict(list)
        for p in products:
            by_group[p["g"]].append(p)
        groups = list(by_group)
        rng.shuffle(groups)
        for g in groups:
            rng.shuffle(by_group[g])
        # smooth weighted round-robin: a group's weight is its product count, capped
        weight = {g: GROUP_WEIGHT.get(g, min(3, len(by_group[g]))) for g in groups}
        score = {g: 0 for g in groups}
        used = collections.Counter()
        queue = []
        while len(queue) < len(roles):
            for g in groups:
                score[g] += weight[g]
            g = max(groups, key=lambda x: score[x])
            score[g] -= sum(weight.values())
            queue.append(by_group[g][used[g] % len(by_group[g])])
            used[g] += 1
        queue.reverse()
        for role in roles:
            p = queue.pop()
            sponsored = (interest, role) in sponsored_left
            if sponsored:
                sponsored_left.remove((interest, role))
            srcs = ROLE_SOURCE_OVERRIDES.get((interest, role), ROLE_SOURCES[role])
            if role == "deal" and p["thing"] == "game":
                srcs = ["weibo", "xiaohongshu", "smzdm"]
            if p["cur"] == "HKD" and role == "deal":
                srcs = ["weibo", "smzdm", "xiaohongshu"]
            drop_kind = role == "vague" and rng.random() < 0.25
            if role == "vague" and p["thing"] != "goods":
                srcs = ["weibo", "xiaohongshu", "douyin", "dianping" if p["thing"] in ("hotel", "ticket") else "weibo"]

            def make(p=p, role=role, srcs=srcs, sponsored=sponsored, drop_kind=drop_kind):
                src = rng.choice(srcs)
                if sponsored and src in ("jd", "taobao", "pinduoduo", "dianping"):
                    src = "xiaohongshu"
                age = rng.randint(1, MAX_AGE_HOURS)
                if role == "vague":
                    return gen_vague(b, p, src, age, drop_kind=drop_kind)
                return GENERATORS[role](b, p, src, age, sponsored=sponsored)

            b.add(make)


def build(reviews_path, seed):
    b = Builder(seed)
    add_specials(b)
    add_templates(b)
    n_real = add_real_reviews(b, reviews_path)
    add_copies(b)
    # deterministic, newest first, as a feed would list them
    order = sorted(range(len(b.items)), key=lambda i: (b.items[i]["age_hours"], b.items[i]["source"], b.items[i]["external_id"]))
    return [b.items[i] for i in order], n_real


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

def check(path, verbose=True):
    problems = []
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"not valid UTF-8: {exc}"]
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: invalid JSON ({exc})")
    counts = {k: collections.Counter() for k in ("interest", "source", "kind", "demo_role", "currency")}
    eids, urls = set(), collections.Counter()
    by_key = {}
    deals_expiry = collections.Counter()
    scen = collections.Counter()
    for it in items:
        for k in REQUIRED_KEYS:
            if k not in it:
                problems.append(f"{it.get('source')}:{it.get('external_id')}: missing key {k}")
        if set(it.get("author") or {}) != set(AUTHOR_KEYS):
            problems.append(f"{it.get('external_id')}: author keys {sorted(it.get('author') or {})}")
        if set(it.get("metrics") or {}) != set(METRIC_KEYS) or not all(isinstance(v, int) and v >= 0 for v in it["metrics"].values()):
            problems.append(f"{it.get('external_id')}: bad metrics")
        if it.get("source") not in SOURCES:
            problems.append(f"{it.get('external_id')}: bad source {it.get('source')}")
        if it.get("demo_role") not in ROLES:
            problems.append(f"{it.get('external_id')}: bad role")
        if it.get("interest") not in INTERESTS:
            problems.append(f"{it.get('external_id')}: bad interest")
        if "kind" in it and it["kind"] not in KINDS:
            problems.append(f"{it.get('external_id')}: bad kind")
        if not set(it.get("scenario", [])) <= set(SCENARIOS):
            problems.append(f"{it.get('external_id')}: bad scenario")
        key = (it.get("source"), it.get("external_id"))
        if key in eids:
            problems.append(f"duplicate external_id {key}")
        eids.add(key)
        by_key[f"{key[0]}:{key[1]}"] = it
        url = it.get("url", "")
        urls[url] += 1
        if not url.startswith("https://"):
            problems.append(f"{key}: url not https")
        for img in it.get("images", []):
            if not img.startswith("https://"):
                problems.append(f"{key}: image not https")
        pub = dt.datetime.fromisoformat(it["published_at"])
        if pub.tzinfo is None or pub != BASE - dt.timedelta(hours=it["age_hours"]) or not 0 < it["age_hours"] <= MAX_AGE_HOURS:
            problems.append(f"{key}: published_at / age_hours mismatch")
        if it.get("expires_at"):
            exp = dt.datetime.fromisoformat(it["expires_at"])
            if exp <= pub:
                problems.append(f"{key}: expires before it was published")
            if it.get("kind") == "deal":
                hours = (exp - BASE).total_seconds() / 3600
                deals_expiry["expired" if hours < 0 else "within 24h" if hours <= 24 else "within days"] += 1
        elif it.get("kind") == "deal":
            deals_expiry["no expiry"] += 1
        for k in counts:
            counts[k][it.get(k, "(none)") if k != "kind" else it.get("kind", "(none)")] += 1
        for s in it.get("scenario", []):
            scen[s] += 1
        if not it["title"].strip():
            problems.append(f"{key}: empty title")
    for url, n in urls.items():
        if n > 1:
            problems.append(f"url used {n} times: {url}")
    # copies
    exact, near_sims = 0, []
    for it in items:
        if it["demo_role"] == "copy":
            target = by_key.get(it.get("copy_of", ""))
            if target is None:
                problems.append(f"{it['external_id']}: copy_of points nowhere")
                continue
            if target["source"] == it["source"]:
                problems.append(f"{it['external_id']}: copy on the same source as its original")
            if target["demo_role"] == "copy":
                problems.append(f"{it['external_id']}: copy of a copy")
            if target["title"] == it["title"] and target["body"] == it["body"]:
                exact += 1
            else:
                near_sims.append(jaccard(shingles(it["title"], it["body"]), shingles(target["title"], target["body"])))
        elif "copy_of" in it:
            problems.append(f"{it['external_id']}: copy_of on a non-copy")
    for it in items:
        if it["demo_role"] == "copy" and near_sims and min(near_sims) < COPY_MIN:
            problems.append(f"a near copy is too different from its original ({min(near_sims):.2f})")
            break
    # accidental near-duplicates among non-copies
    originals = [(it, shingles(it["title"], it["body"])) for it in items if it["demo_role"] != "copy"]
    worst = (0.0, "", "")
    for i in range(len(originals)):
        for j in range(i + 1, len(originals)):
            s = jaccard(originals[i][1], originals[j][1])
            if s > worst[0]:
                worst = (s, originals[i][0]["title"], originals[j][0]["title"])
    if worst[0] >= DISTINCT_MAX:
        problems.append(f"two non-copy items are near copies ({worst[0]:.2f}): {worst[1]!r} / {worst[2]!r}")
    for interest in INTERESTS:
        if counts["interest"][interest] < 20:
            problems.append(f"interest {interest} has only {counts['interest'][interest]} items")
    size = os.path.getsize(path)
    if size > 1_000_000:
        problems.append(f"file is {size} bytes (> 1 MB)")
    if verbose:
        print(f"{len(items)} items, {size:,} bytes ({size / 1024:.0f} KiB)")
        for k, c in counts.items():
            print(f"  {k:10s} " + ", ".join(f"{a} {n}" for a, n in sorted(c.items(), key=lambda x: (-x[1], str(x[0])))))
        print("  scenario   " + ", ".join(f"{a} {n}" for a, n in scen.most_common()))
        print("  deals      " + ", ".join(f"{a} {n}" for a, n in deals_expiry.most_common()))
        print(f"  sponsored  {sum(1 for it in items if it['sponsored'])}")
        print(f"  copies     {exact} exact, {len(near_sims)} near (3-gram Jaccard to original: min {min(near_sims or [0]):.2f}, "
              f"median {sorted(near_sims or [0])[len(near_sims) // 2]:.2f})")
        print(f"  distinct   most similar pair of non-copy items: {worst[0]:.2f} ({worst[1]!r} / {worst[2]!r})")
        authors = {(it["source"], it["author"]["external_id"]) for it in items}
        print(f"  authors    {len(authors)} distinct")
        print("OK" if not problems else f"{len(problems)} PROBLEMS:\n  " + "\n  ".join(problems[:40]))
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reviews", default="/work/shared/data/shopping_reviews/shopping_reviews.jsonl")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo_items.jsonl"))
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--check", action="store_true", help="only validate an existing --out file")
    args = ap.parse_args(argv)
    if not args.check:
        items, n_real = build(args.reviews, args.seed)
        with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
            for it in items:
                fh.write(json.dumps(it, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"wrote {len(items)} items ({n_real} real reviews) to {args.out}")
    return 1 if check(args.out) else 0


if __name__ == "__main__":
    sys.exit(main())
