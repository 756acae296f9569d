"""The seed kits: which slots a scenario's integrated solution fills, and the words that name
each slot in an item's title. Plain data, seeded by migration interests 0009 (KitTemplate,
KitSlot), then edited by editors in the admin; the assistant reads the database.

A slot is (slug, name, keywords, required, implies_scenario): `required` slots make up the kit
as first offered, the others come in when asked for (再加一个炉子); `implies_scenario` says the
slot's words alone name the scenario (睡袋 means a camping trip; 耳机 does not mean commuting)."""

KITS: tuple[dict, ...] = (
    {"scenario": "camping-trip", "recipient": "", "name": "露营装备清单", "description": "第一次露营需要的几样核心装备",
     "slots": [
         ("tent", "帐篷", ["帐篷", "帐蓬"], True, True),
         ("sleeping-bag", "睡袋", ["睡袋"], True, True),
         ("mat", "防潮垫 / 睡垫", ["防潮垫", "睡垫", "充气垫", "蛋巢垫", "自充气垫"], True, True),
         ("light", "营地灯", ["营地灯", "露营灯", "头灯", "马灯"], True, True),
         ("stove", "炉具", ["炉头", "卡式炉", "炉具", "炉子", "气炉", "户外炉"], False, False),
         ("chair", "折叠椅", ["折叠椅", "克米特椅", "月亮椅", "露营椅"], False, True),
         ("table", "折叠桌", ["蛋卷桌", "折叠桌", "露营桌"], False, True),
         ("canopy", "天幕", ["天幕"], False, True),
         ("cooler", "保温箱", ["保温箱", "冰桶", "车载冰箱"], False, False),
     ]},
    {"scenario": "commute", "recipient": "", "name": "通勤好物清单", "description": "上下班路上用得到的几样",
     "slots": [
         ("earphones", "耳机", ["降噪耳机", "蓝牙耳机", "耳机"], True, False),
         ("bag", "通勤包", ["通勤包", "双肩包", "斜挎包", "托特包", "电脑包"], True, False),
         ("cup", "保温杯", ["保温杯", "随行杯"], False, False),
         ("power-bank", "充电宝", ["充电宝", "移动电源"], False, False),
     ]},
    {"scenario": "home-office", "recipient": "", "name": "居家办公桌搭", "description": "坐得久、看得清的工作角",
     "slots": [
         ("chair", "人体工学椅", ["人体工学椅", "工学椅", "办公椅"], True, True),
         ("desk", "升降桌 / 电脑桌", ["升降桌", "电脑桌", "书桌"], True, False),
         ("monitor", "显示器", ["显示器"], False, False),
         ("lamp", "屏幕挂灯 / 台灯", ["屏幕挂灯", "挂灯", "台灯"], False, False),
         ("keyboard", "键盘鼠标", ["键盘", "鼠标"], False, False),
     ]},
    {"scenario": "travel", "recipient": "", "name": "出行装备清单", "description": "出差和旅行路上的几样",
     "slots": [
         ("luggage", "行李箱", ["行李箱", "拉杆箱", "登机箱", "旅行箱"], True, True),
         ("power-bank", "充电宝", ["充电宝", "移动电源"], True, False),
         ("pillow", "颈枕", ["颈枕", "U型枕"], False, True),
         ("adapter", "转换插头", ["转换插头", "转换器"], False, True),
     ]},
    {"scenario": "fitness", "recipient": "", "name": "运动健身清单", "description": "开始练起来需要的几样",
     "slots": [
         ("shoes", "跑鞋 / 运动鞋", ["跑鞋", "运动鞋", "训练鞋"], True, False),
         ("watch", "运动手表 / 手环", ["运动手表", "手环", "智能手表"], False, False),
         ("mat", "瑜伽垫", ["瑜伽垫", "健身垫"], False, True),
         ("protein", "蛋白粉", ["蛋白粉"], False, True),
         ("dumbbells", "哑铃", ["哑铃", "壶铃"], False, True),
     ]},
    {"scenario": "dorm", "recipient": "", "name": "宿舍好物清单", "description": "开学住宿舍用得到的几样",
     "slots": [
         ("curtain", "床帘", ["床帘"], True, True),
         ("lamp", "台灯", ["台灯", "护眼灯"], True, False),
         ("storage", "收纳", ["收纳盒", "收纳箱", "收纳"], False, False),
     ]},
    {"scenario": "parenting", "recipient": "", "name": "带娃出行清单", "description": "遛娃出门的几样",
     "slots": [
         ("stroller", "婴儿车", ["婴儿车", "婴儿推车", "推车", "遛娃神器"], True, True),
         ("car-seat", "安全座椅", ["安全座椅"], False, True),
     ]},
    {"scenario": "gifting", "recipient": "", "name": "送礼清单", "description": "不知道送什么时的几类稳妥礼物",
     "slots": [
         ("gift", "礼物", ["礼盒", "礼物", "香薰", "保温杯", "香水"], True, False),
     ]},
    {"scenario": "gifting", "recipient": "partner_female", "name": "送女朋友 / 老婆", "description": "她多半会喜欢的",
     "slots": [
         ("beauty", "口红 / 香水", ["口红", "香水", "唇釉", "香薰"], True, False),
         ("jewelry", "首饰", ["项链", "手链", "耳环", "耳钉"], False, False),
         ("bag", "包包", ["包包", "斜挎包", "托特包"], False, False),
     ]},
    {"scenario": "gifting", "recipient": "partner_male", "name": "送男朋友 / 老公", "description": "他多半用得上的",
     "slots": [
         ("grooming", "剃须刀", ["剃须刀"], True, False),
         ("gadget", "耳机 / 键盘", ["耳机", "机械键盘", "键盘"], False, False),
         ("watch", "手表", ["手表", "机械表"], False, False),
     ]},
    {"scenario": "gifting", "recipient": "parents", "name": "送爸妈 / 长辈", "description": "实用、体面的",
     "slots": [
         ("massage", "按摩仪", ["按摩仪", "按摩椅", "颈椎按摩", "按摩器"], True, False),
         ("tea", "茶叶 / 礼盒", ["茶叶", "礼盒"], False, False),
         ("cup", "保温杯", ["保温杯"], False, False),
     ]},
    {"scenario": "gifting", "recipient": "kids", "name": "送孩子", "description": "玩得久、学得到的",
     "slots": [
         ("blocks", "积木", ["积木", "乐高"], True, False),
         ("books", "绘本", ["绘本", "童书"], False, False),
     ]},
    {"scenario": "gifting", "recipient": "friend", "name": "送朋友 / 同事", "description": "心意到、不出错的",
     "slots": [
         ("small-gift", "小礼物", ["香薰", "保温杯", "礼盒", "香水"], True, False),
     ]},
)
