"""Brands and product lines, filed under the interest they most clearly signal.

Two readers: the taxonomy merges each list into that interest's keywords (a brand is strong
evidence of a topic), and `build_userdict` writes every name into jieba's user dictionary so
the tokenizer keeps 牧高笛 or 泡泡玛特 whole. Brands that span many interests (小米, 华为,
美的) sit under the top level rather than a child. Names with a space are fine: they are
matched against the text, not the tokens.
"""

BRANDS: dict[str, tuple[str, ...]] = {
    # 数码
    "digital": ("华为", "小米", "荣耀", "Apple", "三星", "索尼", "联想"),
    "phones": (
        "iPhone", "OPPO", "vivo", "一加", "realme", "红米", "Redmi", "魅族", "努比亚",
        "红魔", "iQOO", "Mate", "Pura", "nova", "Galaxy", "Find X", "诺基亚", "摩托罗拉",
    ),
    "computers": (
        "MacBook", "ThinkPad", "戴尔", "Dell", "惠普", "华硕", "ROG",
        "机械革命", "雷蛇", "宏碁", "微星", "iMac", "Mac mini", "英伟达", "NVIDIA",
    ),
    "tablets": ("iPad", "MatePad", "小米平板", "Galaxy Tab", "Kindle Scribe", "文石", "汉王"),
    "wearables": ("Apple Watch", "佳明", "Garmin", "华米", "Amazfit", "高驰", "COROS", "小天才", "Fitbit"),
    "cameras": ("佳能", "尼康", "富士相机", "富士胶片", "Fujifilm", "松下", "徕卡", "大疆", "DJI", "GoPro", "影石", "Insta360", "哈苏", "适马"),
    "audio": (
        "AirPods", "Bose", "森海塞尔", "漫步者", "JBL", "B&O", "Beats", "铁三角", "索尼耳机",
        "QCY", "韶音", "Shokz", "马歇尔", "Marshall", "哈曼卡顿",
    ),
    "digital-accessories": ("安克", "Anker", "绿联", "倍思", "罗技", "Logitech", "闪迪", "西部数据"),
    # 家电
    "appliances": ("海尔", "格力", "西门子", "松下电器", "TCL", "海信", "卡萨帝", "COLMO", "小天鹅"),
    "water-heaters": ("A.O.史密斯", "史密斯", "林内", "能率", "万和", "万家乐", "阿里斯顿"),
    "robot-vacuums": ("科沃斯", "石头科技", "追觅", "云鲸", "iRobot", "添可", "dreame"),
    "kitchen-appliances": ("九阳", "苏泊尔", "方太", "老板电器", "摩飞", "小熊电器", "北鼎", "德龙", "凯度", "虎牌", "象印"),
    "air-purifiers": ("布鲁雅尔", "Blueair", "IQAir", "舒乐氏", "造梦者"),
    "fridges-washers": ("博世", "LG", "惠而浦", "东芝", "日立", "容声", "美菱"),
    "tvs": ("索尼电视", "三星电视", "坚果投影", "极米", "当贝", "小米电视", "雷鸟", "Vidda"),
    "grooming-appliances": ("戴森", "Dyson", "飞利浦", "Philips", "博朗", "欧乐B", "徕芬", "素士", "飞科"),
    # 美妆个护
    "beauty": ("丝芙兰", "屈臣氏", "欧莱雅", "资生堂", "雅诗兰黛", "兰蔻", "完美日记", "花西子"),
    "skincare": (
        "珀莱雅", "薇诺娜", "修丽可", "理肤泉", "雅漾", "SK-II", "神仙水", "海蓝之谜", "La Mer", "科颜氏",
        "OLAY", "玉兰油", "可复美", "溪木源", "适乐肤", "CeraVe", "HBN", "自然堂", "百雀羚", "润百颜",
    ),
    "makeup": ("YSL", "圣罗兰", "阿玛尼", "迪奥", "Dior", "NARS", "毛戈平", "橘朵", "彩棠", "3CE", "卡姿兰", "香奈儿"),
    "haircare": ("海飞丝", "潘婷", "清扬", "飘柔", "沙宣", "施华蔻", "卡诗", "KÉRASTASE", "阿道夫", "滋源", "霸王", "蜂花", "多芬"),
    "fragrance": ("祖玛珑", "Jo Malone", "观夏", "气味图书馆", "冰希黎", "diptyque", "蒂普提克", "Byredo", "野兽派"),
    "body-care": ("舒肤佳", "力士", "凡士林", "妮维雅", "六神", "云南白药牙膏", "舒适达", "高露洁", "佳洁士"),
    # 服饰鞋包
    "fashion": ("优衣库", "ZARA", "H&M", "太平鸟", "波司登", "海澜之家", "GAP"),
    "clothing": ("lululemon", "蕉下", "森马", "李宁", "Bosie", "茵曼", "ubras", "蕉内"),
    "sneakers": ("耐克", "Nike", "阿迪达斯", "adidas", "新百伦", "New Balance", "安踏", "Air Jordan", "AJ", "匡威", "万斯", "Vans", "亚瑟士", "ASICS", "萨洛蒙", "HOKA", "昂跑"),
    "shoes": ("UGG", "Dr.Martens", "百丽", "红蜻蜓", "Crocs", "勃肯", "Birkenstock"),
    "bags": ("LV", "路易威登", "Gucci", "古驰", "Coach", "蔻驰", "普拉达", "Prada", "爱马仕", "Longchamp", "珑骧", "小CK"),
    "watches": ("劳力士", "欧米茄", "浪琴", "天梭", "卡西欧", "G-SHOCK", "西铁城", "SEIKO", "天王表", "斯沃琪"),
    "accessories": ("周大福", "老铺黄金", "潘多拉", "施华洛世奇", "APM", "周生生", "老凤祥"),
    # 食品饮料
    "food": ("三只松鼠", "良品铺子", "盒马", "山姆", "Costco", "百草味", "来伊份", "叮咚买菜"),
    "coffee": ("三顿半", "瑞幸", "星巴克", "Manner", "隅田川", "永璞", "雀巢", "illy", "Tims", "Nespresso"),
    "tea": ("茶颜悦色", "喜茶", "奈雪", "霸王茶姬", "蜜雪冰城", "大益", "小罐茶", "立顿", "CHALI"),
    "wine": ("茅台", "飞天茅台", "五粮液", "汾酒", "泸州老窖", "江小白", "奔富", "拉菲", "青岛啤酒", "百威", "梅见", "RIO", "锐澳"),
    "snacks": ("卫龙", "旺旺", "乐事", "奥利奥", "好丽友", "德芙", "费列罗", "徐福记", "盐津铺子", "王小卤"),
    "fresh-fruit": ("佳沛", "都乐", "Dole", "褚橙", "赣南脐橙"),
    "dairy": ("蒙牛", "伊利", "特仑苏", "金典", "安慕希", "纯甄", "认养一头牛", "君乐宝", "卡士", "乐纯", "酸酸乳"),
    "instant-food": ("螺霸王", "好欢螺", "自嗨锅", "拉面说", "康师傅", "日清", "白象", "今麦郎"),
    "meat-seafood": ("獐子岛", "恒都", "圣农", "大希地"),
    # 运动户外
    "outdoor": ("迪卡侬", "Decathlon", "始祖鸟", "Arc'teryx", "The North Face", "凯乐石", "探路者"),
    "camping": ("牧高笛", "Snow Peak", "挪客", "Naturehike", "黑鹿", "Hilleberg", "山之客", "Coleman", "科尔曼", "火枫", "冷山"),
    "fishing": ("达亿瓦", "Daiwa", "禧玛诺", "光威", "汉鼎", "化氏"),
    "running": ("Garmin Forerunner", "特步", "361度", "多威", "必迈", "佳明手表"),
    "cycling": ("捷安特", "美利达", "Specialized", "崔克", "Trek", "喜德盛", "Brompton", "禧玛诺套件", "迈金"),
    "hiking": ("Osprey", "迈乐", "Merrell", "Lowa", "斯卡帕"),
    "skiing": ("Burton", "伯顿", "Oakley", "奥克利", "万龙", "崇礼", "太舞", "松花湖"),
    "fitness-gear": ("舒华", "麦瑞克", "亿健"),
    "ball-sports": ("尤尼克斯", "YONEX", "威尔胜", "斯伯丁", "李宁羽毛球", "红双喜"),
    # 潮玩手办
    "toys": ("泡泡玛特", "POP MART", "52TOYS", "寻找独角兽", "TOP TOY", "名创优品"),
    "blind-boxes": ("Molly", "Labubu", "拉布布", "Skullpanda", "Dimoo", "Hirono", "Crybaby", "星星人", "The Monsters"),
    "figures": ("万代", "Bandai", "GSC", "良笑社", "寿屋", "Megahouse", "figma", "粘土人", "景品", "一番赏"),
    "building-blocks": ("乐高", "LEGO", "森宝", "布鲁可", "拼奇"),
    "plush": ("Jellycat", "迪士尼玩偶", "三丽鸥", "库洛米", "玉桂狗", "线条小狗", "Loopy"),
    "anime-merch": ("米哈游周边",),
    "model-kits": ("高达", "敢达"),
    # 演出娱乐
    "entertainment": ("大麦", "猫眼", "票星球", "秀动", "纷玩岛"),
    "concerts": ("周杰伦", "五月天", "薛之谦", "林俊杰", "陈奕迅", "张学友", "邓紫棋", "TFBOYS", "时代少年团", "刀郎", "张杰"),
    "musicals": ("上海文化广场", "剧院魅影", "悲惨世界", "开心麻花", "孟京辉", "国家大剧院"),
    "livehouse": ("MAO Livehouse", "育音堂", "疆进酒", "痛仰"),
    "music-festivals": ("草莓音乐节", "迷笛", "麦田音乐节", "仙人掌音乐节", "风暴电音节"),
    "exhibitions": ("teamLab", "UCCA", "上海博物馆", "故宫博物院", "西岸美术馆"),
    "movies": ("万达影城", "IMAX", "杜比影院", "CGV"),
    "comedy": ("笑果", "单立人", "喜剧大会", "脱口秀大会"),
    # 游戏
    "games": ("米哈游", "腾讯游戏", "网易游戏", "叠纸", "鹰角"),
    "otome-games": ("恋与深空", "恋与制作人", "光与夜之恋", "未定事件簿", "世界之外", "时空中的绘旅人", "代号鸢", "偶像梦幻祭"),
    "mobile-games": ("王者荣耀", "原神", "崩坏星穹铁道", "星穹铁道", "和平精英", "蛋仔派对", "明日方舟", "阴阳师", "第五人格", "金铲铲", "光遇", "绝区零"),
    "consoles": ("Switch", "任天堂", "Nintendo", "PS5", "PlayStation", "Xbox", "Steam Deck", "塞尔达", "宝可梦", "马力欧"),
    "pc-games": ("Steam", "黑神话", "黑神话悟空", "英雄联盟", "永劫无间", "CS2"),
    "gaming-gear": ("雷蛇游戏", "赛睿", "SteelSeries", "ROG外设", "腹灵", "Cherry", "北通", "八位堂"),
    # 图书
    "books": ("当当", "京东图书", "中信出版", "人民文学出版社", "上海译文", "理想国", "读客"),
    "fiction": ("余华", "刘慈欣", "三体", "东野圭吾", "村上春树", "莫言", "金庸", "百年孤独"),
    "comics": ("集英社", "海贼王", "航海王", "火影忍者", "进击的巨人", "鬼灭之刃", "柯南"),
    "childrens-books": ("小猪佩奇", "神奇校车", "可怕的科学", "蒲蒲兰", "乐乐趣"),
    "e-readers": ("Kindle", "掌阅", "微信读书", "iReader"),
    # 旅行酒店
    "travel": ("携程", "飞猪", "同程", "美团酒店", "Booking", "Airbnb"),
    "hotels": ("亚朵", "全季", "希尔顿", "万豪", "洲际", "凯悦", "香格里拉", "如家", "汉庭", "锦江", "丽思卡尔顿", "华住", "桔子水晶"),
    "homestays": ("途家", "小猪民宿", "木鸟民宿"),
    "flights": ("国航", "东航", "南航", "海航", "春秋航空", "吉祥航空", "厦航", "川航"),
    "rail": ("12306", "复兴号", "和谐号"),
    "theme-parks": ("迪士尼", "迪士尼乐园", "环球影城", "欢乐谷", "长隆", "方特", "乐高乐园"),
    "travel-gear": ("新秀丽", "Samsonite", "日默瓦", "RIMOWA", "地平线8号", "不莱玫"),
    # 家居生活
    "home": ("宜家", "IKEA", "无印良品", "MUJI", "无印良品家居", "网易严选", "小米有品", "名创优品家居"),
    "furniture": ("林氏木业", "源氏木语", "芝华仕", "慕思", "喜临门", "全友"),
    "bedding": ("水星家纺", "罗莱", "富安娜", "梦洁", "大朴", "全棉时代"),
    "kitchenware": ("双立人", "WMF", "膳魔师", "乐扣乐扣", "爱仕达", "炊大皇", "Le Creuset", "酷彩", "虎牌保温杯"),
    "household-supplies": ("维达", "心相印", "蓝月亮", "立白", "汰渍", "威露士", "滴露"),
    "desk-setup": ("西昊", "永艺", "Herman Miller", "赫曼米勒", "乐歌", "明基", "BenQ", "Steelcase"),
    "decor": ("野兽派家居",),
    # 母婴
    "baby": ("孩子王", "贝亲", "babycare", "全棉时代婴儿"),
    "formula": ("飞鹤", "爱他美", "美赞臣", "惠氏", "启赋", "君乐宝奶粉", "a2奶粉", "雀巢能恩", "合生元", "伊利金领冠", "佳贝艾特"),
    "diapers": ("帮宝适", "好奇纸尿裤", "花王", "妙而舒", "尤妮佳", "Babycare纸尿裤", "舒氏宝贝", "bebetour"),
    "baby-feeding": ("可么多么", "Hegen", "NUK", "布朗博士", "亨氏", "嘉宝"),
    "strollers": ("Bugaboo", "博格步", "Cybex", "宝得适", "好孩子推车", "Britax", "Stokke"),
    "kids-clothing": ("巴拉巴拉", "安奈儿", "戴维贝拉", "英氏", "Moody Tiger"),
    # 宠物
    "pets": ("波奇网", "E宠", "疯狂小狗", "pidan", "小佩", "PETKIT"),
    "cats": ("皇家猫粮", "爱肯拿", "渴望猫粮", "Orijen", "麦富迪", "网易严选猫粮", "诚实一口", "ZIWI", "蓝氏", "伯纳天纯"),
    "dogs": ("皇家狗粮", "比瑞吉", "冠能", "伯纳天纯狗粮", "宝路"),
    "pet-health": ("大宠爱", "福来恩", "海乐妙", "博来恩", "妙三多", "瑞派", "新瑞鹏"),
    # 汽车
    "auto": ("特斯拉", "Tesla", "比亚迪", "BYD", "丰田", "本田", "宝马", "奔驰", "奥迪"),
    "evs": (
        "蔚来", "NIO", "理想汽车", "理想L6", "理想L9", "小鹏", "问界", "极氪", "小米SU7", "SU7", "零跑",
        "埃安", "腾势", "阿维塔", "智界", "岚图", "Model Y", "Model 3", "五菱宏光MINIEV", "秦PLUS", "汉EV",
    ),
    "fuel-cars": ("卡罗拉", "凯美瑞", "雅阁", "思域", "朗逸", "帕萨特", "迈腾", "哈弗", "长安汽车", "吉利汽车", "坦克300", "RAV4"),
    "car-accessories": ("70迈", "盯盯拿", "途虎", "3M", "龟牌", "固特异", "米其林", "倍耐力", "普利司通"),
    "car-care": ("途虎养车", "天猫养车", "美孚", "壳牌", "嘉实多", "马牌"),
    "motorcycles": ("雅迪", "爱玛", "Ninebot", "台铃", "哈雷", "贝纳利"),
}
