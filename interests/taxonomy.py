"""The seed taxonomy: interests (two levels) and scenarios, as plain data.

The single source for the seed migration (`0002_seed_taxonomy`), for `build_userdict` and for
tests that tag text without a database. After seeding, the database is what the site uses and
editors change it in the admin; this file is only the starting point.

Keywords come in weight tiers, each written as a whitespace-separated string (no keyword here
contains a space; names that do, such as "Snow Peak", live in `interests.product_brands`):

    strong  1.0  unambiguous topic nouns (露营, 帐篷, 演唱会)
    normal  0.6  jargon and product words that lean towards the topic (配速, 色号, 内场)
    weak    0.3  generic words that only help alongside others (屏幕, 新鲜, 头发)
    brands  0.8  from `interests.product_brands.BRANDS` for the same slug

A word listed twice in one node keeps its first (higher) tier. A word may belong to several
nodes (苹果 is fruit and phone); the tagger weighs the evidence.

Each node is a dict: slug, name, parent (None for the top level), description, sort_order,
keywords ([[word, weight], ...], the shape stored in `Interest.keywords`).
Each scenario also carries `context_hints`: months (1-12), weekdays (0 = Monday ... 6 = Sunday),
hours (0-23) and date_windows ([["MM-DD", "MM-DD"], ...], inclusive; a window may wrap the new
year). An empty list means "no preference". Lunar festivals (春节, 端午, 七夕, 中秋) move every
year, so their windows are the widest span they fall in.
"""

from interests.product_brands import BRANDS

STRONG, NORMAL, WEAK, BRAND = 1.0, 0.6, 0.3, 0.8

# Fixed by DESIGN.md §5, in display order.
TOP_LEVEL = {
    "digital": "数码",
    "appliances": "家电",
    "beauty": "美妆个护",
    "fashion": "服饰鞋包",
    "food": "食品饮料",
    "outdoor": "运动户外",
    "toys": "潮玩手办",
    "entertainment": "演出娱乐",
    "games": "游戏",
    "books": "图书",
    "travel": "旅行酒店",
    "home": "家居生活",
    "baby": "母婴",
    "pets": "宠物",
    "auto": "汽车",
}
TOP_LEVEL_SLUGS = tuple(TOP_LEVEL)


def keywords(strong: str = "", normal: str = "", weak: str = "", brands: tuple[str, ...] = ()) -> list[list]:
    """Tiered word strings (and brand names) to [[word, weight], ...], first tier wins."""
    weights: dict[str, float] = {}
    for words, weight in ((strong, STRONG), (brands, BRAND), (normal, NORMAL), (weak, WEAK)):
        for word in words.split() if isinstance(words, str) else words:
            weights.setdefault(word, weight)
    return [[word, weight] for word, weight in weights.items()]


_order = iter(range(1, 10_000))

# Stores that sell every category: listed among a node's brands they would tag a cat-food deal
# "home" because the shop is 网易严选. A shop name says where, not what.
RETAILERS = frozenset({"网易严选", "小米有品"})


def _brands(slug: str) -> tuple[str, ...]:
    names = BRANDS.get(slug, ())
    names = names.split() if isinstance(names, str) else names  # ("米哈游周边") is a str, not a tuple
    return tuple(name for name in names if name not in RETAILERS)


def _interest(slug: str, name: str, parent: str | None, description: str, **tiers: str) -> dict:
    words = keywords(**tiers, brands=_brands(slug))
    return {
        "slug": slug,
        "name": name,
        "parent": parent,
        "description": description,
        "sort_order": next(_order),
        "keywords": words,
    }


def _top(slug: str, description: str, **tiers: str) -> dict:
    return _interest(slug, TOP_LEVEL[slug], None, description, **tiers)


INTERESTS: tuple[dict, ...] = (
    # ------------------------------------------------------------------ 数码
    _top(
        "digital", "手机、电脑、平板、相机、耳机等数码产品",
        strong="数码 数码产品 数码好物 电子产品",
        normal="跑分 处理器 芯片 快充 刷新率 分辨率 骁龙 天玑 麒麟 卡顿 死机 安卓 运行速度 反应速度",
        weak="性能 续航 屏幕 电池 内存 存储 蓝牙 像素 待机 充电 配置 黑科技 机子 运行 上网 耗电 WiFi",
    ),
    _interest(
        "phones", "手机", "digital", "智能手机、折叠屏与手机影像",
        strong="手机 智能手机 旗舰机 折叠屏 5G手机 拍照手机 游戏手机 老人机 千元机 直板机 新机 换机",
        normal="通话 信号 铃声 短信 彩信 双卡 摄像头 主摄 长焦 潜望 影像 自拍 指纹 曲面屏 直屏 "
        "鸿蒙 iOS 翻盖 机身 苹果手机 大哥大",
        weak="手机壳 手机膜 钢化膜 贴膜 发热",
    ),
    _interest(
        "computers", "电脑", "digital", "笔记本、台式机、装机与显示器",
        strong="笔记本 笔记本电脑 电脑 台式机 游戏本 轻薄本 一体机 装机 显卡 独显 集显 本本 上网本",
        normal="散热 触控板 触摸板 固态硬盘 硬盘 SSD CPU GPU 显示器 机箱 主板 Windows Win7 XP "
        "Vista 酷睿 锐龙 内存条 驱动 联想 键盘 网本 小本 IBM HP 惠普 宏基 神舟电脑 苹果电脑",
        weak="风扇 开机 蓝屏 主机",
    ),
    _interest(
        "tablets", "平板", "digital", "平板电脑、手写笔与学习平板",
        strong="平板 平板电脑 安卓平板 学习机 学习平板",
        normal="手写笔 电容笔 触控笔 键盘套 平板保护套 平板壳 网课 分屏 大屏 追剧 看视频",
        weak="刷剧 画画 应用 App 触控 横屏 读书软件",
    ),
    _interest(
        "wearables", "智能穿戴", "digital", "智能手表、手环、耳戴与头显",
        strong="智能手表 手环 智能手环 运动手环 儿童手表 电话手表 智能眼镜 AR眼镜 VR眼镜 VR 头显",
        normal="表盘 心率 血氧 睡眠监测 运动模式 表带 抬腕 NFC 心电 ECG GPS 手表",
        weak="佩戴 计步 步数 久坐提醒 消息提醒",
    ),
    _interest(
        "cameras", "相机摄影", "digital", "相机、镜头、运动相机与无人机",
        strong="相机 单反 微单 无反 镜头 摄影 运动相机 拍立得 胶片机 CCD 卡片机 云台 无人机 稳定器 全画幅",
        normal="半画幅 APS-C 光圈 焦段 定焦 变焦 快门 对焦 防抖 直出 滤镜 三脚架 Vlog 航拍 胶片",
        weak="出片 人像 风光 扫街 拍照 照片 闪光灯 存储卡 画质",
    ),
    _interest(
        "audio", "耳机音响", "digital", "耳机、音箱与 HiFi",
        strong="耳机 蓝牙耳机 降噪耳机 无线耳机 头戴式 入耳式 TWS 音箱 音响 蓝牙音箱 回音壁 HiFi 耳放 "
        "解码器 DAC 随身听 骨传导 开放式耳机 MP3",
        normal="降噪 主动降噪 通透模式 音质 低音 高音 三频 声场 佩戴感 LDAC 空间音频",
        weak="耳塞 听歌 音效 音量 底噪 耳麦 延迟",
    ),
    _interest(
        "digital-accessories", "数码配件", "digital", "充电、存储、键鼠与网络配件",
        strong="充电宝 移动电源 数据线 充电器 氮化镓 充电头 扩展坞 拓展坞 键盘 鼠标 无线鼠标 U盘 移动硬盘 "
        "读卡器 路由器",
        normal="手机支架 转接头 Type-C 快充头 磁吸 MagSafe 网速 NAS 支架",
        weak="线材 插头",
    ),
    # ------------------------------------------------------------------ 家电
    _top(
        "appliances", "大小家电、厨房电器、清洁与个护电器",
        strong="家电 家用电器 大家电 小家电 白电 厨电",
        normal="能效 一级能效 变频 以旧换新 家电补贴 上门安装",
        weak="安装 噪音 功率 耗电 电费 省电 遥控 智能家居 米家 美的",
    ),
    _interest(
        "water-heaters", "热水器", "appliances", "电、燃气、空气能热水器",
        strong="热水器 电热水器 燃气热水器 空气能 空气能热水器 零冷水 即热式 储水式 壁挂炉",
        normal="恒温 加热 水温 出热水 热水 速热 防电墙 镁棒 水压 增压 燃气 天然气 洗澡 出水 升数 50升 60升 80升",
        weak="预热 花洒 淋浴 浴室 冷水 安装费",
    ),
    _interest(
        "robot-vacuums", "扫地机器人", "appliances", "扫地机、洗地机与吸尘器",
        strong="扫地机器人 扫地机 扫拖一体 扫拖机器人 洗地机 吸尘器 拖地机 自动集尘 自清洁 基站",
        normal="扫拖 拖地 吸力 避障 建图 激光导航 毛发缠绕 集尘 上下水 滚刷 边刷 尘盒 吸尘 拖布",
        weak="地板 地面 清扫 扫地 卡住",
    ),
    _interest(
        "kitchen-appliances", "厨房电器", "appliances", "电饭煲、空气炸锅、洗碗机等",
        strong="厨房电器 电饭煲 空气炸锅 破壁机 豆浆机 微波炉 烤箱 蒸烤箱 蒸烤一体机 洗碗机 油烟机 "
        "抽油烟机 燃气灶 集成灶 电磁炉 电水壶 烧水壶 料理机 榨汁机 净水器 面包机 绞肉机 电压力锅 养生壶",
        normal="火力 烘焙",
        weak="预约 做饭 煮饭 下厨 厨房 内胆",
    ),
    _interest(
        "air-conditioners", "空调冷暖", "appliances", "空调、风扇与取暖",
        strong="空调 变频空调 中央空调 风管机 挂机 柜机 电风扇 循环扇 电暖器 取暖器 暖风机 油汀 地暖",
        normal="制冷 制热 一匹 冷暖 出风 风速 睡眠模式",
        weak="凉快 暖和 热死 冷死 风扇",
    ),
    _interest(
        "air-purifiers", "空气净化", "appliances", "净化器、加湿、除湿与新风",
        strong="空气净化器 净化器 加湿器 除湿机 新风机 新风系统 除甲醛 甲醛",
        normal="滤网 CADR PM2.5 雾霾 除菌 负离子 湿度 回南天",
        weak="空气 异味 干燥 过敏",
    ),
    _interest(
        "fridges-washers", "冰箱洗衣机", "appliances", "冰箱冰柜、洗衣机与烘干机",
        strong="冰箱 冰柜 洗衣机 烘干机 干衣机 洗烘套装 洗烘一体 滚筒洗衣机 波轮洗衣机",
        normal="对开门 十字门 法式多门 嵌入式 风冷 无霜 冷冻 制冰 脱水 烘干 滚筒 波轮",
        weak="洗衣 衣物 容积 冷藏 保鲜",
    ),
    _interest(
        "tvs", "电视投影", "appliances", "电视、投影与影音",
        strong="电视 电视机 智能电视 投影仪 激光电视 电视盒子",
        normal="MiniLED 高刷 流明 幕布 投影",
        weak="OLED 4K 8K HDR 看电视 片源 遥控器 客厅 大屏",
    ),
    _interest(
        "grooming-appliances", "个护电器", "appliances", "吹风机、电动牙刷、剃须刀与美容仪",
        strong="吹风机 电吹风 高速吹风机 卷发棒 直发夹 直板夹 电动牙刷 冲牙器 剃须刀 电动剃须刀 脱毛仪 美容仪 "
        "按摩仪 筋膜枪",
        normal="风力 刷头 负离子 护发",
        weak="吹头发",
    ),
    # ------------------------------------------------------------------ 美妆个护
    _top(
        "beauty", "护肤、彩妆、洗护与香氛",
        strong="美妆 护肤品 化妆品 个护 美妆个护",
        normal="成分党 肤质 油皮 干皮 混油 敏感肌 痘痘肌 专柜 小样 中样",
        weak="成分 空瓶 过敏",
    ),
    _interest(
        "skincare", "护肤", "beauty", "精华、面霜、防晒与清洁",
        strong="护肤 精华 精华液 面霜 乳液 爽肤水 化妆水 水乳 面膜 洗面奶 洁面 防晒 防晒霜 眼霜 卸妆 "
        "卸妆油 卸妆水 早C晚A 水杨酸 烟酰胺 视黄醇 玻色因",
        normal="保湿 补水 美白 抗老 淡纹 提亮 祛痘 闭口 毛孔 屏障 泛红 控油 肤感 修护",
        weak="水润 吸收 质地 皮肤",
    ),
    _interest(
        "makeup", "彩妆", "beauty", "口红、底妆、眼妆",
        strong="彩妆 口红 唇釉 唇泥 粉底 粉底液 气垫 遮瑕 散粉 定妆 眼影 眼线 睫毛膏 腮红 高光 修容 眉笔 "
        "妆前乳 化妆刷 美妆蛋",
        normal="色号 试色 显白 持妆 脱妆 卡粉 浮粉 哑光 上嘴 妆效 底妆",
        weak="化妆 素颜 妆容 滋润",
    ),
    _interest(
        "haircare", "洗护发", "beauty", "洗发水、护发与头皮护理",
        strong="洗发水 洗发露 护发素 发膜 护发精油 洗头膏 去屑 防脱 生发 头皮屑 洗护 头屑",
        normal="柔顺 蓬松 顺滑 毛躁 头发 发质 掉发 脱发 分叉 染发 烫发 头皮 发油",
        weak="洗头 油头 短发 长发 泡沫 清爽 洗完头",
    ),
    _interest(
        "fragrance", "香水香氛", "beauty", "香水、香氛与香薰",
        strong="香水 淡香水 浓香水 香氛 香薰 扩香 香薰蜡烛 车载香薰 固体香膏",
        normal="前调 中调 后调 留香 木质调 花香调 柑橘调 沙龙香 小众香",
        weak="香味 好闻 气味",
    ),
    _interest(
        "body-care", "身体护理", "beauty", "沐浴、身体乳、口腔护理",
        strong="沐浴露 身体乳 护手霜 磨砂膏 牙膏 牙刷 漱口水 止汗露 香皂 润唇膏 身体护理",
        normal="去角质 美白牙膏 鸡皮",
        weak="手部 洗澡",
    ),
    # ------------------------------------------------------------------ 服饰鞋包
    _top(
        "fashion", "服装、鞋靴、箱包、腕表与配饰",
        strong="穿搭 服饰 OOTD 衣品",
        normal="尺码 码数 色差 版型 面料 显瘦 显高 上身 衣服 色差",
        weak="搭配 穿 款式 合身 大小合适 偏大 偏小",
    ),
    _interest(
        "clothing", "服装", "fashion", "外套、上衣、裤装与内衣",
        strong="衣服 外套 羽绒服 大衣 风衣 卫衣 毛衣 针织衫 衬衫 T恤 短袖 长袖 裤子 牛仔裤 阔腿裤 西装 "
        "连衣裙 半身裙 裙子 打底衫 保暖内衣 睡衣 内衣 文胸 袜子 衣裳 裤型 打底裤",
        normal="纯棉 涤纶 羊毛 羊绒 起球 掉色 线头 料子 布料 修身 宽松 褪色 面料 打底 S码 M码 L码 XL码",
        weak="穿着 穿起来 合身 号码 缩水 掉毛",
    ),
    _interest(
        "sneakers", "运动鞋", "fashion", "球鞋、跑鞋与板鞋",
        strong="运动鞋 球鞋 篮球鞋 板鞋 老爹鞋 德训鞋 帆布鞋 休闲鞋 鞋码",
        normal="鞋底 中底 缓震 回弹 鞋面 鞋带 脚感 包裹性 抓地 得物 炒鞋 配色",
        weak="鞋子 磨脚 合脚 联名",
    ),
    _interest(
        "shoes", "鞋靴", "fashion", "皮鞋、靴子、凉拖",
        strong="皮鞋 高跟鞋 靴子 短靴 长靴 雪地靴 马丁靴 乐福鞋 玛丽珍鞋 凉鞋 拖鞋 洞洞鞋 单鞋 豆豆鞋",
        normal="鞋子 鞋跟 皮质",
        weak="鞋 穿鞋",
    ),
    _interest(
        "bags", "箱包", "fashion", "手袋、背包与钱包",
        strong="包包 手提包 托特包 斜挎包 单肩包 双肩包 腋下包 钱包 卡包 帆布包 通勤包 奢侈品 中古包",
        normal="五金 肩带 背包 皮质",
        weak="大牌",
    ),
    _interest(
        "watches", "腕表", "fashion", "机械表与时装表",
        strong="手表 腕表 机械表 石英表 陀飞轮 潜水表 计时码表",
        normal="表带 机芯 蓝宝石 表镜 走时 表盘",
        weak="戴表",
    ),
    _interest(
        "accessories", "配饰珠宝", "fashion", "首饰、黄金、帽围与眼镜",
        strong="首饰 项链 手链 耳环 耳钉 戒指 黄金 金饰 足金 古法金 珍珠 钻戒 银饰 帽子 围巾 墨镜 太阳镜 "
        "眼镜 发夹 抓夹 腰带",
        normal="克重 工费 金价",
        weak="饰品 配饰",
    ),
    # ------------------------------------------------------------------ 食品饮料
    _top(
        "food", "咖啡茶饮、酒水、零食、生鲜与乳品",
        strong="美食 食品 饮料 吃货",
        normal="配料表 口感 口味 好吃 难吃 食材",
        weak="味道 下午茶 吃 喝 保质期 生产日期",
    ),
    _interest(
        "coffee", "咖啡", "food", "咖啡豆、挂耳、速溶与器具",
        strong="咖啡 咖啡豆 挂耳 挂耳咖啡 冻干咖啡 速溶咖啡 冷萃 拿铁 手冲 意式 咖啡机 磨豆机 手冲壶 "
        "咖啡粉 精品咖啡 美式咖啡 咖啡液",
        normal="烘焙度 浅烘 中烘 深烘 风味 酸度 果酸 油脂 萃取 耶加雪菲 瑰夏 美式 浓缩",
        weak="提神 燕麦奶 续命",
    ),
    _interest(
        "tea", "茶饮", "food", "茶叶、新茶饮与茶具",
        strong="茶叶 绿茶 红茶 乌龙茶 普洱 白茶 龙井 铁观音 大红袍 茉莉花茶 花茶 袋泡茶 冷泡茶 奶茶 果茶 "
        "新茶饮 茶具 茶壶 茶杯",
        normal="茶汤 回甘 耐泡 明前 茶香 冲泡",
        weak="茶 泡茶 喝茶",
    ),
    _interest(
        "wine", "酒水", "food", "白酒、葡萄酒、啤酒与洋酒",
        strong="白酒 红酒 葡萄酒 啤酒 精酿 威士忌 清酒 梅酒 果酒 黄酒 香槟 起泡酒 鸡尾酒 预调酒 酱香",
        normal="酒体 单宁 度数 微醺 醒酒 酒杯 浓香",
        weak="酒 喝酒 小酌 年份",
    ),
    _interest(
        "snacks", "零食", "food", "坚果、饼干、卤味与糕点",
        strong="零食 坚果 薯片 饼干 巧克力 辣条 肉脯 牛肉干 鸭脖 卤味 糖果 果干 蛋糕 面包 糕点 月饼 粽子 "
        "零食大礼包",
        normal="酥脆 解馋 追剧零食",
        weak="嘴馋 甜度",
    ),
    _interest(
        "fresh-fruit", "水果", "food", "当季水果与产地直发",
        strong="水果 鲜果 橙子 脐橙 柑橘 沃柑 砂糖橘 丑橘 耙耙柑 车厘子 樱桃 草莓 葡萄 阳光玫瑰 芒果 榴莲 "
        "猕猴桃 奇异果 火龙果 荔枝 龙眼 桃子 水蜜桃 西瓜 哈密瓜 香蕉 蓝莓 椰子 石榴 菠萝 凤梨 柚子 "
        "枇杷 杨梅 山竹 坏果",
        normal="苹果 果肉 多汁 汁水 个头 烂果 产地直发 现摘 梨 水分 果味 果子",
        weak="新鲜 甜 酸甜 脆 一箱",
    ),
    _interest(
        "dairy", "乳品", "food", "牛奶、酸奶与奶酪",
        strong="牛奶 纯牛奶 酸奶 奶酪 鲜奶 鲜牛奶 低温奶 常温奶 有机奶 脱脂奶 乳酸菌 芝士 黄油 奶片 乳制品",
        normal="乳蛋白 奶香 生牛乳 巴氏 奶味",
        weak="奶 喝奶 奶粉",
    ),
    _interest(
        "instant-food", "方便速食", "food", "方便面、螺蛳粉、自热与预制菜",
        strong="方便面 泡面 螺蛳粉 自热火锅 自热米饭 速食 预制菜 酸辣粉 拌面 速冻饺子 水饺 汤圆 挂面",
        normal="料包 调料包",
        weak="宵夜 夜宵",
    ),
    _interest(
        "meat-seafood", "肉禽海鲜", "food", "牛排、肉禽与海鲜",
        strong="牛排 牛肉 猪肉 鸡胸肉 鸡腿 羊肉 海鲜 大闸蟹 帝王蟹 小龙虾 三文鱼 鳕鱼 扇贝 生蚝 鲍鱼",
        normal="冷链 解冻 肉质 鲜嫩",
        weak="生鲜 冷冻 虾",
    ),
    # ------------------------------------------------------------------ 运动户外
    _top(
        "outdoor", "露营、钓鱼、跑步、骑行、徒步与健身",
        strong="户外 运动户外 户外运动 户外装备 运动装备",
        normal="速干 防水 防风 轻量化",
        weak="运动 出汗",
    ),
    _interest(
        "camping", "露营", "outdoor", "帐篷、天幕、睡袋与营地装备",
        strong="露营 帐篷 天幕 睡袋 防潮垫 充气垫 营地 蛋卷桌 折叠椅 克米特椅 月亮椅 卡式炉 营地灯 露营灯 "
        "露营车 精致露营 野营 套锅 焚火台 地钉 风绳 户外电源",
        normal="搭帐 抗风 铝杆 速开 营位 野餐 野餐垫 炊具 氛围灯",
        weak="星空 篝火 烧烤",
    ),
    _interest(
        "fishing", "钓鱼", "outdoor", "路亚、台钓、海钓装备",
        strong="钓鱼 路亚 台钓 海钓 矶钓 鱼竿 钓竿 渔轮 鱼线 鱼饵 饵料 浮漂 鱼钩 钓箱 钓椅 钓友 钓鱼佬 "
        "野钓 黑坑",
        normal="中鱼 爆护 打窝 调漂",
        weak="上鱼 空军",
    ),
    _interest(
        "running", "跑步", "outdoor", "跑鞋、马拉松与跑步训练",
        strong="跑步 跑鞋 马拉松 半马 全马 越野跑 夜跑 晨跑 配速 跑者 跑团 跑步机 碳板",
        normal="竞速 步频 PB 腰包",
        weak="慢跑 训练",
    ),
    _interest(
        "cycling", "骑行", "outdoor", "公路车、山地车、折叠车",
        strong="骑行 自行车 公路车 山地车 折叠车 单车 骑友 环法 锁鞋 码表 骑行服 变速套件",
        normal="车架 碳纤维 轮组 踏频 爬坡 变速器 头盔",
        weak="骑车 车友 刹车",
    ),
    _interest(
        "hiking", "徒步登山", "outdoor", "徒步、登山与攀岩",
        strong="徒步 登山 爬山 登山鞋 徒步鞋 登山杖 冲锋衣 抓绒 软壳 硬壳 户外背包 攀岩",
        normal="GORE-TEX 防水透气 海拔 重装穿越 轻装",
        weak="山顶 日出 路线",
    ),
    _interest(
        "skiing", "滑雪", "outdoor", "单板、双板与雪场",
        strong="滑雪 单板 双板 雪板 雪鞋 雪服 滑雪服 雪镜 滑雪场 雪场 雪季 固定器",
        normal="刻滑 平花 粉雪 雪道 缆车",
        weak="下雪",
    ),
    _interest(
        "fitness-gear", "健身", "outdoor", "健身器材、瑜伽与运动营养",
        strong="健身 健身房 健身器材 哑铃 壶铃 杠铃 瑜伽 瑜伽垫 普拉提 跳绳 弹力带 蛋白粉 增肌 减脂 "
        "动感单车 椭圆机 划船机 撸铁",
        normal="卧推 深蹲 私教 燃脂 腹肌",
        weak="锻炼 体重",
    ),
    _interest(
        "ball-sports", "球类运动", "outdoor", "羽毛球、篮球、网球、飞盘",
        strong="羽毛球 羽毛球拍 球拍 篮球 足球 网球 乒乓球 排球 高尔夫 飞盘 匹克球 球衣 护膝",
        normal="球馆 球友 拍线",
        weak="打球",
    ),
    # ------------------------------------------------------------------ 潮玩手办
    _top(
        "toys", "盲盒、手办、积木、毛绒与谷子",
        strong="潮玩 潮流玩具 玩具",
        normal="限定 摆件",
        weak="二手 溢价 闲鱼",
    ),
    _interest(
        "blind-boxes", "盲盒", "toys", "盲盒、隐藏款与大娃",
        strong="盲盒 隐藏款 端盒 整盒 摇盒 抽盒 拆盒 大娃 MEGA 搪胶 毛绒挂件",
        normal="雷款 常规款 复刻 换娃 娃圈",
        weak="概率 挂件",
    ),
    _interest(
        "figures", "手办", "toys", "比例手办、景品、人偶",
        strong="手办 GK 雕像 比例手办 可动人偶 BJD 棉花娃娃 兵人",
        normal="涂装 原型 补款 娃娃 模型",
        weak="尾款",
    ),
    _interest(
        "building-blocks", "积木", "toys", "拼搭积木与颗粒玩具",
        strong="积木 拼装积木 小颗粒 大颗粒 积木人 拼搭 乐高积木 国产积木 积木墙 积木桌 城市组 机械组 科技组 创意百变 街景 积木花 积木玩具",
        normal="拼插颗粒 积木颗粒 零件 拼搭体验 咬合力 底板 人仔 MOC 绝版",
        weak="拼装 颗粒度",
    ),
    _interest(
        "plush", "毛绒玩具", "toys", "公仔、玩偶与毛绒挂件",
        strong="毛绒玩具 公仔 玩偶 毛绒 毛绒公仔 布娃娃 安抚玩偶 娃娃机 抓娃娃 玩偶挂件 邦尼兔 毛绒包 玩偶服 棉花娃",
        normal="抱枕 填充 挂件 绒毛 软乎乎 治愈",
        weak="",
    ),
    _interest(
        "anime-merch", "谷子周边", "toys", "吧唧、立牌与二次元周边",
        strong="谷子 吧唧 徽章 立牌 亚克力 色纸 痛包 痒包 二次元 漫展 同人 cosplay",
        normal="官谷 无料 排谷 出谷 收谷 谷子周边 动漫周边",
        weak="cos",
    ),
    _interest(
        "model-kits", "拼装模型", "toys", "高达、机甲与军模拼装",
        strong="拼装模型 模玩 机甲 板件 水口 高达模型 敢达模型 军模 车模 比例模型 合金成品 手办模型 机娘 拼装机甲 扎古 强袭自由 独角兽高达",
        normal="素组 喷涂 渗线 水贴 拼装 模型 打磨 改件 补土 喷笔 模型漆 成品",
        weak="上色 骨架",
    ),
    # ------------------------------------------------------------------ 演出娱乐
    _top(
        "entertainment", "演唱会、音乐剧、livehouse、展览与电影",
        strong="演出 看演出 票务",
        normal="开票 实名 黄牛 门票",
        weak="现场",
    ),
    _interest(
        "concerts", "演唱会", "entertainment", "演唱会与巡演",
        strong="演唱会 巡演 内场 看台 应援 荧光棒 手幅 灯牌 抢票",
        normal="安可 歌单 合唱 体育场 场馆 前排",
        weak="歌手 粉丝",
    ),
    _interest(
        "musicals", "音乐剧话剧", "entertainment", "音乐剧、话剧与舞剧",
        strong="音乐剧 话剧 舞剧 歌剧 戏剧 剧场 剧院 卡司 法扎",
        normal="谢幕 楼座 池座 中文版 原版",
        weak="剧目",
    ),
    _interest(
        "livehouse", "Livehouse 现场", "entertainment", "乐队现场与独立音乐",
        strong="livehouse 乐队 独立音乐 专场 乐队现场 巡演专场 后摇 朋克 民谣现场 乐迷 演出现场",
        normal="摇滚 拼盘 pogo 站票 开场乐队 主唱 贝斯 鼓手 吉他手 调音 存包",
        weak="跳水 现场感",
    ),
    _interest(
        "music-festivals", "音乐节", "entertainment", "音乐节与电音节",
        strong="音乐节 电音节 户外音乐节 音乐节门票 两日票 三日票 单日票 早鸟票 主舞台 副舞台 音乐节穿搭 电子音乐 EDM 蹦迪",
        normal="阵容 营地票 露营区 手环 舞台 压轴 演出阵容 草地 泥地",
        weak="",
    ),
    _interest(
        "exhibitions", "展览", "entertainment", "美术馆、博物馆与特展",
        strong="展览 看展 美术馆 博物馆 艺术展 特展 沉浸式展 展会 画展 摄影展 艺术馆 展馆 双年展 文物 藏品 漫展 动漫展 车展 艺术装置 文创",
        normal="展品 策展 沉浸式 导览 讲解器 展厅 打卡点 拍照区 联名款",
        weak="",
    ),
    _interest(
        "movies", "电影", "entertainment", "院线电影与观影",
        strong="电影 影院 电影院 电影票 观影 首映 点映 院线 巨幕 影厅 激光厅 IMAX厅 杜比厅 观影团 续集 预售票 二刷 三刷",
        normal="票房 影评 导演 主演 剧情片 动画电影 彩蛋 片长 特效 爆米花 观影体验 豆瓣评分 看电影",
        weak="剧透 上映",
    ),
    _interest(
        "comedy", "脱口秀喜剧", "entertainment", "脱口秀、相声与喜剧",
        strong="脱口秀 喜剧 相声 德云社 开放麦 漫才 即兴喜剧 脱口秀专场 小剧场 喜剧节 喜剧演出 sketch 音乐喜剧",
        normal="笑点 段子 包袱 梗 演员 专场 笑到",
        weak="",
    ),
    # ------------------------------------------------------------------ 游戏
    _top(
        "games", "乙女、手游、主机与电脑游戏",
        strong="游戏玩家 游戏推荐 电子游戏 新游 二游 公测 游戏厂商",
        normal="内测 氪金 抽卡 开服 肝 游戏 玩游戏 通关",
        weak="剧情 更新",
    ),
    _interest(
        "otome-games", "乙女游戏", "games", "女性向恋爱游戏",
        strong="乙女 乙女游戏 乙游 女性向 女性向游戏 恋爱游戏 沈星回 黎深 祁煜 秦彻 夏以昼 李泽言 白起 许墨 "
        "周棋洛 萧逸 陆沉 齐司礼 查理苏 夏鸣星",
        normal="卡面 思念 五星卡 约会剧情",
        weak="男主 心动",
    ),
    _interest(
        "mobile-games", "手游", "games", "手机游戏",
        strong="手游 手机游戏 抽卡游戏 开黑 战令",
        normal="648 月卡 首充 段位 排位 上分",
        weak="皮肤",
    ),
    _interest(
        "consoles", "游戏主机", "games", "主机、掌机与卡带",
        strong="游戏机 主机游戏 游戏主机 掌机 卡带 Joy-Con",
        normal="港版 日版 国行 独占 手柄",
        weak="",
    ),
    _interest(
        "pc-games", "电脑游戏", "games", "单机、网游与 Steam",
        strong="单机游戏 3A 网游 端游 电脑游戏 独立游戏 主机移植 Steam游戏 Epic游戏 开放世界 魂类 Roguelike MMO 吃鸡 "
        "MOBA 射击游戏 模拟经营",
        normal="单机 帧数 大作 创意工坊 打折季 DLC 配置要求 光追 存档 mod",
        weak="通关 好评如潮 成就",
    ),
    _interest(
        "gaming-gear", "电竞外设", "games", "电竞鼠标、键盘与耳机",
        strong="电竞 电竞椅 游戏鼠标 电竞鼠标 机械键盘 电竞显示器 游戏耳机 外设",
        normal="轴体 红轴 青轴 茶轴 客制化 回报率 DPI",
        weak="",
    ),
    # ------------------------------------------------------------------ 图书
    _top(
        "books", "小说、漫画、童书、人文社科与电子书",
        strong="图书 书籍 这本书 本书 此书 读书 看书 阅读 出版社 书单 好书",
        normal="书 作者 印刷 装帧 译本 翻译 纸质 精装 平装 再版 章节 读完 读者 正版书",
        weak="故事",
    ),
    _interest(
        "fiction", "小说文学", "books", "小说、散文与诗歌",
        strong="小说 长篇小说 短篇小说 文学 散文 诗集 推理小说 科幻小说 网文 言情 悬疑",
        normal="情节 主人公 结局 文笔 叙事 人物",
        weak="故事",
    ),
    _interest(
        "comics", "漫画", "books", "漫画、画集与轻小说",
        strong="漫画 连环画 日漫 国漫 画册 单行本 画集 轻小说 漫画书 条漫 韩漫 少年漫 少女漫 漫画全集 设定集 台版 港版漫画 首刷",
        normal="画风 分镜 番外 完结 连载 作画 原作 动画化 汉化",
        weak="漫迷 二刷",
    ),
    _interest(
        "childrens-books", "童书绘本", "books", "绘本与儿童读物",
        strong="绘本 童书 儿童读物 亲子阅读 早教书 启蒙书 点读 注音 儿童绘本 图画书 桥梁书 分级阅读 科普书 立体书 洞洞书 儿童百科 睡前故事 "
        "卡通书",
        normal="讲故事 认知 识字 插画",
        weak="小朋友 幼儿园",
    ),
    _interest(
        "humanities", "人文社科", "books", "历史、哲学、心理与传记",
        strong="哲学 社会学 心理学 传记 人文 社科 经济学 历史书 世界史 中国史 近代史 人类学 政治学 非虚构 回忆录 通识 国学 史学",
        normal="历史 思想 学术 论述 史料 考证 文明 见解 论证",
        weak="观点 作者观点 启发",
    ),
    _interest(
        "business-books", "经管励志", "books", "经管、理财与成长",
        strong="经管 管理学 营销 理财 投资 励志 成功学 职场 创业 商业思维 金融 股票 基金 领导力 时间管理 个人成长 自我提升 沟通技巧 "
        "效率手册 经济学著作",
        normal="方法论 实操 思维 认知 干货 商业模式",
        weak="鸡汤",
    ),
    _interest(
        "study", "教辅考试", "books", "教材、教辅与考试",
        strong="教材 教辅 习题 练习册 真题 考研 考公 雅思 托福 四六级 单词书 字帖 题库 试卷 复习资料 错题本 考试用书 辅导书 课本 高考 中考 "
        "考证 教科书",
        normal="词汇 讲解 知识点 答案 解析 例题 出题 考点",
        weak="",
    ),
    _interest(
        "e-readers", "电子阅读", "books", "电子书与阅读器",
        strong="电子书 阅读器 墨水屏 电纸书 电子阅读器 水墨屏 墨水屏阅读器 电子书资源 epub mobi pdf阅读 阅读灯 翻页键 看书神器 "
        "电子墨水",
        normal="护眼 冷暖光 翻页 背光 残影",
        weak="看书 读书 字体",
    ),
    # ------------------------------------------------------------------ 旅行酒店
    _top(
        "travel", "酒店、民宿、机票、火车与景点",
        strong="旅行 旅游 出游 度假 自由行 跟团",
        normal="行程 景区 出行 攻略",
        weak="打卡",
    ),
    _interest(
        "hotels", "酒店", "travel", "酒店与度假村",
        strong="酒店 宾馆 入住 大床房 双床房 标间 套房 退房 度假村 快捷酒店 商务酒店 连锁酒店 五星级 "
        "行政酒廊 房型 单人间 双人间 标准间 商务房 海景房 含早 自助早餐 大堂",
        normal="房间 早餐 卫生间 隔音 服务员 房费 押金 地段 设施 床 前台 房价 游泳池 住过",
        weak="位置 交通 住",
    ),
    _interest(
        "homestays", "民宿", "travel", "民宿、客栈与青旅",
        strong="民宿 客栈 青旅 青年旅舍 房东 民宿老板 海景房 山景房 庭院 小院 树屋 帐篷酒店 特色民宿 网红民宿 整栋 包栋 loft",
        normal="别墅 管家 接站 管家服务 院子 落地窗 投影 榻榻米 入住体验",
        weak="",
    ),
    _interest(
        "flights", "机票", "travel", "机票与航空出行",
        strong="机票 航班 航空公司 飞机 经济舱 商务舱 头等舱 值机 登机 延误 里程 特价机票",
        normal="行李额 托运 升舱 机场",
        weak="",
    ),
    _interest(
        "rail", "火车高铁", "travel", "高铁、动车与火车",
        strong="高铁 动车 火车 火车票 卧铺 硬座 软卧 硬卧 二等座 一等座 商务座 高铁票 火车站 高铁站 候补 改签 退票 检票 列车",
        normal="车票 候车 车厢 乘务员 站台 晚点 中转 卧铺票",
        weak="",
    ),
    _interest(
        "attractions", "景点门票", "travel", "景点、古镇与国家公园",
        strong="景点 景区门票 索道 古镇 国家公园 5A 4A 景区 名胜 古迹 爬山 游船 漂流 温泉 滑翔伞 观景台 夜游 灯光秀 缆车票 游客",
        normal="门票 排队 人挤人 导游 讲解员 观光车 网红景点 拍照点",
        weak="",
    ),
    _interest(
        "theme-parks", "主题乐园", "travel", "迪士尼、环球影城与游乐园",
        strong="主题乐园 游乐园 过山车 快速通行 尊享卡 花车 花车巡游 烟花秀 乐园 游乐项目 排队时间 早享卡 年卡 水上乐园 跳楼机 鬼屋 玩偶见面会",
        normal="烟花 排队 巡游",
        weak="尖叫",
    ),
    _interest(
        "travel-gear", "旅行装备", "travel", "行李箱与旅行收纳",
        strong="行李箱 拉杆箱 登机箱 旅行箱 旅行包 颈枕 转换插头 洗漱包 分装瓶 收纳袋 压缩袋 行李牌 旅行收纳 万向轮 铝框箱 托运箱 旅行套装 "
        "一次性内裤 旅行枕",
        normal="收纳 轮子 拉杆 静音轮 箱体 密码锁",
        weak="",
    ),
    # ------------------------------------------------------------------ 家居生活
    _top(
        "home", "家具、床品、收纳、厨具、日用与软装",
        strong="家居 家居好物 家居用品 生活好物",
        normal="软装 租房 出租屋 改造 居家",
        weak="卧室 客厅 装修",
    ),
    _interest(
        "furniture", "家具", "home", "沙发、床垫、柜子与桌椅",
        strong="家具 沙发 床垫 衣柜 书柜 餐桌 茶几 电视柜 书桌 床头柜 乳胶床垫 独立弹簧 实木",
        normal="板材 环保 椅子",
        weak="床",
    ),
    _interest(
        "bedding", "床品家纺", "home", "四件套、被子、枕头与毛巾",
        strong="床品 四件套 被子 羽绒被 蚕丝被 枕头 乳胶枕 床单 被套 毛巾 浴巾 窗帘 地毯 凉席",
        normal="支数 全棉 亲肤",
        weak="",
    ),
    _interest(
        "storage", "收纳整理", "home", "收纳盒、置物架与断舍离",
        strong="收纳 收纳盒 收纳箱 收纳架 置物架 整理箱 断舍离 收纳神器 收纳柜 储物箱 真空压缩袋 衣物收纳 桌面收纳 抽屉收纳 分隔盒 洞洞板 鞋架 "
        "衣帽架",
        normal="挂钩 衣架 抽屉 整理 小户型 利用空间 不占地方",
        weak="乱糟糟",
    ),
    _interest(
        "kitchenware", "厨具餐具", "home", "锅具、刀具、餐具与水杯",
        strong="炒锅 不粘锅 铁锅 砂锅 铸铁锅 汤锅 刀具 菜刀 砧板 菜板 碗碟 餐具 保温杯 水杯 保鲜盒 便当盒",
        normal="杯子 筷子 锅",
        weak="碗",
    ),
    _interest(
        "household-supplies", "日用百货", "home", "纸品、洗衣与清洁用品",
        strong="纸巾 抽纸 卫生纸 湿巾 洗衣液 洗衣凝珠 柔顺剂 洗洁精 垃圾袋 清洁剂 消毒液 除螨",
        normal="拖把",
        weak="日用品",
    ),
    _interest(
        "decor", "家居装饰", "home", "装饰画、灯具与绿植",
        strong="装饰画 挂画 花瓶 绿植 落地灯 灯具 氛围灯 吊灯 壁灯 软装 墙纸 壁纸 窗帘杆 镜子 落地镜 香薰机 装饰品 多肉 鲜切花 干花",
        normal="地垫 摆件 氛围感 ins风 奶油风 原木风 侘寂风 北欧风 法式 台灯",
        weak="",
    ),
    _interest(
        "desk-setup", "桌搭办公", "home", "人体工学椅、升降桌与桌搭",
        strong="桌搭 人体工学椅 工学椅 升降桌 电脑桌 显示器支架 桌垫 屏幕挂灯 书房",
        normal="腰托 头枕 工作台",
        weak="",
    ),
    # ------------------------------------------------------------------ 母婴
    _top(
        "baby", "奶粉、纸尿裤、喂养、出行与童装",
        strong="母婴 婴儿 新生儿 宝妈 育儿 月龄 婴幼儿",
        normal="宝宝 小宝宝",
        weak="孩子 小孩 儿童",
    ),
    _interest(
        "formula", "奶粉", "baby", "婴幼儿配方奶粉",
        strong="奶粉 婴儿奶粉 配方奶粉 配方奶 奶粉配方 一段奶粉 二段奶粉 三段奶粉 转奶 水解 冲奶 羊奶粉",
        normal="乳铁蛋白 OPO HMO DHA 二段 三段",
        weak="溶解",
    ),
    _interest(
        "diapers", "纸尿裤", "baby", "纸尿裤与拉拉裤",
        strong="纸尿裤 尿不湿 拉拉裤 尿布 隔尿垫 成长裤 NB码 夜用 芯体",
        normal="红屁屁 侧漏 吸水 反渗 尿显 贴合 闷热 勒腿",
        weak="换尿布 尿量",
    ),
    _interest(
        "baby-feeding", "喂养", "baby", "奶瓶、辅食与吸奶器",
        strong="奶瓶 奶嘴 辅食 米粉 辅食机 吸奶器 母乳 哺乳 恒温壶 学饮杯 储奶袋 防胀气 宽口径 辅食碗 辅食剪 磨牙棒 溢奶 吐奶 消毒柜 暖奶器",
        normal="喂奶 夜奶 转奶期 月龄 吃奶 奶量",
        weak="",
    ),
    _interest(
        "strollers", "婴童出行", "baby", "推车、安全座椅与背带",
        strong="婴儿车 婴儿推车 遛娃神器 安全座椅 腰凳 高景观 轻便推车 伞车 溜娃神器 儿童座椅 ISOFIX 提篮 婴儿背带 儿童自行车 滑板车 "
        "平衡车",
        normal="推车 背带 避震 折叠 单手收车 可坐可躺 遮阳棚",
        weak="",
    ),
    _interest(
        "kids-clothing", "童装童鞋", "baby", "童装、童鞋与宝宝衣服",
        strong="童装 童鞋 连体衣 爬服 宝宝衣服 儿童衣服 儿童外套 儿童羽绒服 校服 学步鞋 儿童鞋 哈衣 和尚服 儿童睡衣 亲子装 女童 男童",
        normal="A类",
        weak="",
    ),
    _interest(
        "early-education", "早教玩具", "baby", "早教与益智玩具",
        strong="早教 早教机 益智玩具 点读笔 故事机 早教课 积木玩具 拼图玩具 磁力片 绘画板 玩具车 过家家 手摇铃 爬行垫 游戏围栏 益智 蒙氏 感统",
        normal="拼图 认知 专注力 动手能力 月龄 启蒙",
        weak="",
    ),
    _interest(
        "maternity", "孕产", "baby", "孕期与产后",
        strong="孕妇 孕期 待产包 月子 产后 孕妇装 妊娠纹 孕妇枕 月子服 哺乳内衣 防辐射服 产检 孕吐 叶酸 坐月子 产褥垫 收腹带 孕肚",
        normal="预产期 孕早期 孕晚期 顺产 剖腹产 月嫂 产后修复",
        weak="怀孕",
    ),
    # ------------------------------------------------------------------ 宠物
    _top(
        "pets", "猫、狗、宠物医疗与用品",
        strong="宠物 铲屎官 毛孩子 养宠 萌宠",
        normal="主子",
        weak="",
    ),
    _interest(
        "cats", "猫咪", "pets", "猫粮、猫砂与猫咪用品",
        strong="猫咪 猫粮 猫砂 猫罐头 主食罐 猫条 猫抓板 猫爬架 猫砂盆 豆腐猫砂 膨润土 布偶猫 英短 橘猫 "
        "美短 猫薄荷",
        normal="猫 冻干 化毛 软便 挑食 适口性",
        weak="",
    ),
    _interest(
        "dogs", "狗狗", "pets", "狗粮与遛狗用品",
        strong="狗狗 狗粮 狗绳 牵引绳 遛狗 泰迪 柯基 金毛 柴犬 比熊 边牧 狗窝 拉布拉多 哈士奇 博美 法斗 狗罐头 狗零食 磨牙棒 幼犬 成犬 "
        "狗狗玩具",
        normal="胸背 撒欢 拆家 训犬",
        weak="狗 汪",
    ),
    _interest(
        "pet-health", "宠物医疗", "pets", "驱虫、疫苗与宠物医院",
        strong="驱虫 体内驱虫 体外驱虫 猫三联 狂犬疫苗 绝育 宠物医院 宠物医生 猫瘟 细小 耳螨 猫藓 宠物保险 化毛膏 益生菌 营养膏 鱼油 宠物关节",
        normal="疫苗 体检 呕吐 软便 拉稀 兽医",
        weak="看病",
    ),
    _interest(
        "pet-supplies", "宠物用品", "pets", "喂食、饮水与出行",
        strong="宠物饮水机 自动喂食器 喂食器 航空箱 宠物烘干箱 猫包 宠物窝 宠物推车 宠物背包 自动猫砂盆 智能猫砂盆 宠物梳 宠物指甲剪 宠物湿巾 "
        "尿垫 宠物玩具 逗猫棒 宠物衣服 宠物围栏",
        normal="饮水机 滤芯 消毒 除臭",
        weak="",
    ),
    _interest(
        "small-pets", "小宠水族", "pets", "仓鼠、兔子、鹦鹉与鱼缸",
        strong="仓鼠 兔子 鹦鹉 乌龟 鱼缸 水族 金鱼 龙猫 小宠 仓鼠笼 兔笼 鸟笼 水族箱 过滤器 造景 锦鲤 孔雀鱼 爬宠 守宫 仓鼠粮 兔粮 木屑 "
        "垫料",
        normal="换水 硝化菌 鱼粮",
        weak="水质",
    ),
    # ------------------------------------------------------------------ 汽车
    _top(
        "auto", "新能源车、燃油车、用品与养车",
        strong="汽车 买车 提车 试驾 车主 车型 4S店",
        normal="落地价 裸车价 指导价 油耗",
        weak="开车 驾驶",
    ),
    _interest(
        "evs", "新能源车", "auto", "纯电、增程与插混",
        strong="新能源 新能源车 新能源汽车 纯电 增程 插混 续航里程 充电桩 超充 换电 智驾 智能驾驶 辅助驾驶 "
        "NOA 电车",
        normal="能耗 电耗 冬季续航 电动车",
        weak="",
    ),
    _interest(
        "fuel-cars", "燃油车", "auto", "轿车、SUV 与 MPV",
        strong="燃油车 油车 发动机 变速箱 涡轮增压 排量 SUV 轿车 MPV",
        normal="合资",
        weak="",
    ),
    _interest(
        "car-accessories", "汽车用品", "auto", "记录仪、车载与装饰",
        strong="行车记录仪 车载 车载支架 车载充电器 脚垫 座套 方向盘套 车衣 玻璃水 雨刮 车载冰箱",
        normal="",
        weak="",
    ),
    _interest(
        "car-care", "养车", "auto", "保养、轮胎、洗车与车险",
        strong="小保养 大保养 机油 轮胎 换胎 洗车 洗车打蜡 汽车打蜡 镀晶 隐形车衣 车险 年检 机滤 空滤 刹车片 刹车油 防冻液 电瓶 补胎 四轮定位 钣金喷漆 "
        "精洗 汽车美容",
        normal="保养 保养周期 工时费 里程数",
        weak="修车",
    ),
    _interest(
        "motorcycles", "两轮出行", "auto", "电动自行车与摩托车",
        strong="电动自行车 电瓶车 摩托车 机车 电摩 新国标 踏板车 电动摩托 锂电池 铅酸电池 摩旅 仿赛 复古摩托 巡航车 头盔 骑手",
        normal="电动车 踏板 刹车 排量 驾照 上牌 通勤代步",
        weak="代步",
    ),
)


def _scenario(slug: str, name: str, description: str, hints: dict, strong: str = "", normal: str = "",
              weak: str = "") -> dict:
    context = {"months": [], "weekdays": [], "hours": [], "date_windows": []} | hints
    return {
        "slug": slug,
        "name": name,
        "description": description,
        "sort_order": next(_order),
        "keywords": keywords(strong, normal, weak),
        "context_hints": context,
    }


WEEKDAYS, WEEKEND = [0, 1, 2, 3, 4], [5, 6]

SCENARIOS: tuple[dict, ...] = (
    _scenario(
        "commute", "通勤", "上下班路上与工位",
        {"weekdays": WEEKDAYS, "hours": [7, 8, 9, 17, 18, 19]},
        strong="通勤 上下班 早高峰 晚高峰 通勤包 通勤穿搭 地铁通勤",
        normal="上班 下班 地铁 公交 上班族 工位 挤地铁",
        weak="打工人 路上 职场",
    ),
    _scenario(
        "camping-trip", "露营出行", "周末露营、野餐与自驾户外",
        {"months": [4, 5, 6, 9, 10], "weekdays": [4, 5, 6]},
        strong="露营 野营 营地 精致露营 周末露营 露营装备",
        normal="帐篷 天幕 野餐 户外 自驾 郊外",
        weak="星空 篝火",
    ),
    _scenario(
        "gifting", "送礼", "节日、生日与纪念日礼物",
        {"months": [1, 2, 5, 8, 9, 12], "date_windows": [["02-01", "02-14"], ["05-10", "05-20"], ["12-10", "12-25"]]},
        strong="送礼 礼物 礼盒 送人 伴手礼 生日礼物 送女友 送男友 送女朋友 送男朋友 送老婆 送老公 "
        "送爸妈 送长辈 送闺蜜 送朋友 礼品",
        normal="纪念日 心意 礼袋 贺卡 体面",
        weak="礼品包装",
    ),
    _scenario(
        "home-office", "居家办公", "在家工作与网课",
        {"weekdays": WEEKDAYS, "hours": [9, 10, 11, 13, 14, 15, 16, 17]},
        strong="居家办公 在家办公 远程办公 WFH 桌搭 人体工学椅 升降桌 视频会议 书房",
        normal="显示器 网课 工作台 久坐 办公",
        weak="效率",
    ),
    _scenario(
        "festival", "节日大促", "618、双11 等购物节与传统节日",
        {
            "date_windows": [
                ["05-20", "06-20"], ["10-20", "11-12"], ["12-01", "12-12"], ["01-05", "02-20"],
                ["03-01", "03-08"], ["08-01", "08-31"], ["09-01", "10-07"], ["12-20", "01-01"],
            ],
        },
        strong="618 双11 双十一 双12 双十二 年货节 大促 付定金 预售 春节 过年 中秋 情人节 七夕 "
        "圣诞 圣诞节 元旦 跨年 端午 年货 88会员节 女神节 38节 黑五 黑色星期五",
        normal="满减 凑单 尾款 定金 跨店满减 节日 年夜饭 月饼 粽子",
        weak="百亿补贴 秒杀",
    ),
    _scenario(
        "travel", "旅行", "出游、出差与度假",
        {
            "weekdays": [4, 5, 6],
            "date_windows": [["04-28", "05-05"], ["07-01", "08-31"], ["09-28", "10-08"], ["01-15", "02-28"]],
        },
        strong="旅行 旅游 出游 出差 度假 自驾游 自由行 五一 国庆 暑假 寒假 小长假",
        normal="假期 机场 高铁 行李箱 酒店 景点 攻略 民宿 自驾 机票 航班 出国",
        weak="出门",
    ),
    _scenario(
        "fitness", "健身", "健身房、跑步与居家锻炼",
        {"hours": [6, 7, 8, 18, 19, 20, 21]},
        strong="健身 健身房 撸铁 瑜伽 减脂 增肌 跑步 马拉松 普拉提 居家健身",
        normal="运动 锻炼 燃脂 训练 出汗 体脂",
        weak="体重 身材",
    ),
    _scenario(
        "new-season", "换季", "换季衣橱与季节更替",
        {"months": [3, 4, 9, 10, 11]},
        strong="换季 入秋 入冬 秋冬 春夏 降温 回暖 秋装 冬装 春装 夏装 开学季",
        normal="秋天 冬天 春天 夏天 衣柜",
        weak="天气",
    ),
    _scenario(
        "dorm", "宿舍", "学生宿舍与校园生活",
        {"months": [2, 3, 8, 9]},
        strong="宿舍 寝室 宿舍好物 上下铺 床帘 大学生 开学",
        normal="室友 小功率 学生党 学生 校园",
        weak="",
    ),
    _scenario(
        "parenting", "带娃", "亲子、遛娃与家庭出行",
        {"weekdays": WEEKEND},
        strong="带娃 遛娃 亲子 宝妈 奶爸 二胎 育儿",
        normal="宝宝 孩子 小朋友 全家",
        weak="",
    ),
    _scenario(
        "date", "约会", "情侣约会与纪念日",
        {"weekdays": [4, 5, 6], "hours": [18, 19, 20, 21, 22], "date_windows": [["02-14", "02-14"], ["05-20", "05-21"]]},
        strong="约会 情侣 约会穿搭 烛光晚餐 表白 男朋友 女朋友",
        normal="对象 纪念日 浪漫",
        weak="",
    ),
    _scenario(
        "party", "聚会", "朋友聚会、聚餐与派对",
        {"weekdays": [4, 5, 6], "hours": [18, 19, 20, 21, 22, 23]},
        strong="聚会 派对 聚餐 团建 轰趴 朋友聚会 生日派对",
        normal="跨年 一起喝 朋友聚餐",
        weak="热闹",
    ),
    _scenario(
        "rainy-day", "雨天", "雨季、梅雨与回南天",
        {"months": [3, 4, 5, 6, 7]},
        strong="雨天 下雨 梅雨 梅雨季 回南天 雨季 暴雨 雨伞 雨衣 雨鞋",
        normal="潮湿 除湿",
        weak="天气",
    ),
    _scenario(
        "late-night", "深夜", "熬夜、加班与宵夜",
        {"hours": [22, 23, 0, 1]},
        strong="熬夜 深夜 宵夜 夜宵 加班 失眠",
        normal="睡前 半夜",
        weak="",
    ),
)
