#!/usr/bin/env python3
"""Generate the embedded default station set of `stations`.

Reads only repository files:
  geodata/sources/cn-cities.csv        GeoNames places (name_zh, province, population)
  geodata/regions/cn-provinces.geojson province polygons, to keep every point in its province
and writes:
  geodata/stations.csv                                   interchange CSV (DESIGN.md)
  Sources/StationKit/DefaultData/EmbeddedStations.swift  the same bytes as a Swift raw string
  geodata/README.md                                      provenance and licences

The stations are an illustrative sample: invented stations clustered around real
city points, plus SEED_STATIONS, facilities described in news reports.
Deterministic (fixed seed, no set iteration, sorted output): two runs give the same bytes.

Usage: python3 tools/generate-default-data.py
"""
import csv
import json
import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITIES = ROOT / "geodata/sources/cn-cities.csv"
PROVINCES = ROOT / "geodata/regions/cn-provinces.geojson"
OUT_CSV = ROOT / "geodata/stations.csv"
OUT_SWIFT = ROOT / "Sources/StationKit/DefaultData/EmbeddedStations.swift"
OUT_README = ROOT / "geodata/README.md"

SEED = 20240416
GENERIC_COUNT = 640   # stations spread over the country by population
TAIYUAN_COUNT = 36    # extra cluster so `stations near 37.9,112.5 --need shower` has real answers
TAIYUAN = (37.87, 112.55)
HEADER = "id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator"
# ACFTU stations exist on the mainland only.
EXCLUDED_PROVINCES = ("香港特别行政区", "澳门特别行政区", "台湾省", "")
# Canonical tags in DESIGN.md order; amenity lists are written in this order.
AMENITIES = ("shower toilet drinking-water rest sleeping meals microwave charging ebike-charging "
             "first-aid heating cooling wifi laundry parking vehicle-repair logistics-info "
             "lactation-room reading legal-aid counseling health-check air-pump rain-gear").split()
OUTDOOR, DRIVER, CARNATION = "outdoor-worker-station", "driver-home", "carnation-station"
TYPICAL = {  # DESIGN.md "typical amenities"; ALWAYS is added to every station of the kind
    OUTDOOR: "drinking-water toilet rest heating cooling first-aid charging microwave".split(),
    DRIVER: "parking rest sleeping meals shower laundry vehicle-repair logistics-info".split(),
    CARNATION: "lactation-room rest health-check counseling legal-aid".split(),
}
ALWAYS = {OUTDOOR: "rest", DRIVER: "parking", CARNATION: "lactation-room"}
EXTRAS = {  # a few plausible others (shower for outdoor stations is drawn separately, 20 %)
    OUTDOOR: "wifi ebike-charging rain-gear air-pump reading legal-aid".split(),
    DRIVER: "toilet drinking-water wifi charging microwave first-aid health-check counseling".split(),
    CARNATION: "toilet drinking-water microwave reading wifi first-aid".split(),
}
HOURS = {  # (OpenStreetMap opening_hours, weight); "" = unknown
    OUTDOOR: [("24/7", 3), ("Mo-Su 07:00-21:00", 3), ("Mo-Su 06:00-22:00", 2), ("Mo-Fr 08:00-18:00", 2),
              ("Mo-Fr 08:00-12:00,14:00-18:00", 1), ("Mo-Fr 08:30-17:30; Sa,Su 09:00-16:00", 1), ("", 1)],
    DRIVER: [("24/7", 6), ("Mo-Su 06:00-24:00", 1), ("", 1)],
    CARNATION: [("Mo-Fr 08:30-17:30", 3), ("Mo-Fr 08:00-12:00,14:00-18:00", 3), ("Mo-Sa 08:00-18:00", 1),
                ("Mo-Fr 09:00-17:00; PH off", 1), ("", 1)],
}
ROADS = ("人民路 解放路 建设路 中山路 和平路 胜利路 新华路 文化路 长江路 黄河路 工业路 东风路 朝阳路 光明路 "
         "青年路 幸福路 民主路 团结路 北京路 环城路 站前路 学府路 迎宾大道 开发区大道 滨河路 育才路 体育路 振兴路").split()
LOGISTICS = "公路港 国际物流园 商贸物流园 城北物流园区 城南物流园区 现代物流园 综合物流园".split()
COMPANIES = ["{s}公交集团", "国网{s}供电公司", "中国邮政{s}分公司", "{s}自来水公司", "{s}燃气集团"]
# Taiyuan, the showcase city: real road names and its six urban districts (approximate seats;
# GeoNames has only two of them and would hand 小店区 to 晋中市).
TAIYUAN_ROADS = "迎泽大街 并州路 五一路 长风街 滨河东路 学府街 南内环街 府西街 千峰南路 晋祠路 长治路 平阳路".split()
DISTRICT_OVERRIDES = {"太原市": [("小店区", 37.736, 112.556), ("迎泽区", 37.863, 112.563), ("杏花岭区", 37.894, 112.570),
                              ("万柏林区", 37.859, 112.516), ("尖草坪区", 37.940, 112.487), ("晋源区", 37.727, 112.471)]}
# Landline area code and local number length (digits) for the larger cities; others get mobiles.
AREA_CODES = {c: (code, int(n)) for c, code, n in (x.split(":") for x in (
    "北京市:010:8 上海市:021:8 天津市:022:8 重庆市:023:8 广州市:020:8 深圳市:0755:8 南京市:025:8 苏州市:0512:8 "
    "杭州市:0571:8 武汉市:027:8 成都市:028:8 西安市:029:8 沈阳市:024:8 哈尔滨市:0451:8 长春市:0431:8 "
    "石家庄市:0311:8 太原市:0351:7 大同市:0352:7 呼和浩特市:0471:7 包头市:0472:7 济南市:0531:8 青岛市:0532:8 "
    "郑州市:0371:8 合肥市:0551:8 南昌市:0791:8 长沙市:0731:8 福州市:0591:8 厦门市:0592:7 南宁市:0771:7 "
    "海口市:0898:8 贵阳市:0851:8 昆明市:0871:8 拉萨市:0891:7 兰州市:0931:7 西宁市:0971:7 银川市:0951:7 "
    "乌鲁木齐市:0991:7 大连市:0411:8 宁波市:0574:8 无锡市:0510:8 东莞市:0769:8 佛山市:0757:8 淮安市:0517:8").split())}
MOBILE_PREFIXES = "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 177 180 181 183 185 186 187 188 189 191 198 199".split()

# Facilities described in the seed news reports. Positions are approximate: the district point
# below plus a small random offset (bearing range keeps 洪泽 stations out of 洪泽湖).
# Fields: id, name, kind, (lat, lon, max offset km, bearing from, bearing to), amenities,
#         address, province, city, opening_hours, operator, source key, what the article says
ERENHOT = (43.6475, 111.97667)     # GeoNames 2037485 (Erenhot; its name_zh is 乌兰街道)
KUNDULUN = (40.657, 109.825)       # 包头市昆都仑区, approximate
SUZHOU = (31.30408, 120.59538)     # GeoNames 1886760
HONGZE = (33.294, 118.872)         # 淮安市洪泽区 seat, 高良涧街道, approximate
QINHUAI = (32.030, 118.797)        # 南京市秦淮区, approximate
FUZIMIAO = (32.0206, 118.7886)     # 夫子庙, 秦淮河畔
SOURCES = {
    "erenhot": "《边境口岸建起“司机之家”——内蒙古二连浩特市总关爱中蒙货车司机》，本报讯（记者李玉波 通讯员梁晓虹）",
    "kundulun": "《包头昆都仑区总力解新就业形态劳动者烦心事 “这里就是我们的第二个‘家’”》，本报讯（记者李玉波 通讯员肖丽颖）",
    "suzhou": "《守护“她幸福” 激发“她力量”——苏州工会持续深化女职工“五航”工程》，本报记者黄洪涛 本报通讯员钱茹冰",
    "hongze": "《在竭诚服务职工群众中展现新作为》（【主席之声】，淮安市洪泽区总工会主席刘筠；“主席论坛”版，2025年7月29日）",
    "qinhuai": "《实施“五大工程”推动工会工作高质量发展》（南京市秦淮区总工会；“主席论坛”版，2025年7月29日）",
}
SEED_STATIONS = [
    ("stn-NM-000001", "二连浩特市环宇国际出口物流园区司机之家", DRIVER, (*ERENHOT, 2.0, 0, 360),
     "parking rest sleeping meals shower toilet drinking-water logistics-info heating cooling reading",
     "内蒙古自治区锡林郭勒盟二连浩特市环宇国际出口物流园区", "内蒙古自治区", "二连浩特市", "", "二连浩特市总工会", "erenhot",
     "430 m²; “休息、用餐、淋浴、如厕、物流信息等12项功能”; “喝口热水、吃口热饭、洗个热水澡、睡个安稳觉” "
     "(drinking-water, sleeping); magazines (reading); “乘凉和取暖的地方” (cooling, heating). Parking assumed (logistics park)."),
    ("stn-NM-000002", "包头市昆都仑区鑫港源顺物流园区货车司机之家", DRIVER, (*KUNDULUN, 5.0, 180, 360),
     "parking rest meals shower laundry vehicle-repair logistics-info counseling health-check",
     "内蒙古自治区包头市昆都仑区鑫港源顺物流园区", "内蒙古自治区", "包头市", "", "包头市昆都仑区总工会", "kundulun",
     "Built 2022, 400+ m², room for 100+ people; “停车、休息、餐饮、淋浴、洗衣”, and this year also "
     "“车辆应急维修、寻找货源，以及心理健康咨询、健康义诊”."),
] + [
    (f"stn-NM-00001{i}", f"包头市昆都仑区户外劳动者驿站{i}号", OUTDOOR, (*KUNDULUN, 3.0, 0, 360),
     "drinking-water rest heating cooling first-aid legal-aid", "内蒙古自治区包头市昆都仑区", "内蒙古自治区", "包头市",
     "", "包头市昆都仑区总工会", "kundulun",
     "15 stations built this year (5 included, numbered names); “维权帮扶” (legal-aid), “冷可取暖、热可纳凉、伤可用药” "
     "(heating, cooling, first-aid); drinking-water and rest are typical of the kind.")
    for i in range(1, 6)
] + [
    (f"stn-JS-00002{i}", f"苏州市女职工康乃馨服务站{i}号", CARNATION, (*SUZHOU, 5.0, 0, 360),
     "lactation-room rest counseling legal-aid", "江苏省苏州市", "江苏省", "苏州市", "", "苏州市总工会女职工委员会",
     "suzhou", "“全市工会建成女职工康乃馨服务站150家” in 2023 (4 included, numbered names). Facilities not listed: "
     "lactation-room and rest are typical; counseling and legal-aid reflect the article's 心理服务 and 维权 work.")
    for i in range(1, 5)
] + [
    (f"stn-JS-00003{i}", f"淮安市洪泽区女职工康乃馨服务站{i}号", CARNATION, (*HONGZE, 3.0, 30, 150),
     "lactation-room rest health-check", "江苏省淮安市洪泽区", "江苏省", "淮安市", "", "淮安市洪泽区总工会",
     "hongze", "“全区已建女职工康乃馨服务站18家” (3 included, numbered names); health-check from the district's "
     "“女职工全周期健康服务平台” and “健康流动车”.")
    for i in range(1, 4)
] + [
    ("stn-JS-000034", "淮安市洪泽区高良涧街道惠民社区工会户外劳动者服务站点", OUTDOOR, (*HONGZE, 1.5, 30, 150),
     "drinking-water toilet rest heating cooling first-aid", "江苏省淮安市洪泽区高良涧街道惠民社区", "江苏省", "淮安市",
     "", "淮安市洪泽区总工会", "hongze",
     "Named a national “最美工会户外劳动者服务站点”; one of 27 union stations in the district. "
     "Facilities not listed: typical amenities of the kind."),
    ("stn-JS-000041", "南京市秦淮区夫子庙数智化工会驿站", OUTDOOR, (*FUZIMIAO, 0.3, 0, 360),
     "drinking-water toilet rest heating cooling first-aid charging reading", "江苏省南京市秦淮区夫子庙秦淮河畔劳模工匠文化宣传阵地",
     "江苏省", "南京市", "24/7", "南京市秦淮区总工会", "qinhuai",
     "“在夫子庙秦淮河畔建成…劳模工匠文化宣传阵地，融合全天候数智化工会驿站、职工书屋” (24/7, reading); other amenities "
     "typical of the kind. Assumed to be one of the seven stations below."),
] + [
    (f"stn-JS-00004{i}", f"南京市秦淮区数智化工会驿站{i}号", OUTDOOR, (*QINHUAI, 3.0, 0, 360),
     "drinking-water toilet rest heating cooling first-aid charging", "江苏省南京市秦淮区", "江苏省", "南京市",
     "", "南京市秦淮区总工会", "qinhuai",
     "“对全区7家工会驿站进行数智化改造，满足户外劳动者的基本需求”. Facilities not listed: typical amenities of the kind.")
    for i in range(2, 8)
]


def ring_contains(ring, lon, lat):
    """Crossing-number test of one closed GeoJSON ring ([lon, lat] pairs)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def load_provinces():
    """Province name_zh -> list of (bbox, rings) for each polygon, outer ring first."""
    provinces = {}
    for feature in json.loads(PROVINCES.read_text(encoding="utf-8"))["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        parts = []
        for rings in polygons:
            xs, ys = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
            parts.append(((min(xs), min(ys), max(xs), max(ys)), rings))
        provinces[feature["properties"]["name_zh"]] = parts
    return provinces


def in_province(provinces, name, lat, lon):
    """True if (lat, lon) is inside one polygon of the province and outside its holes."""
    for (x0, y0, x1, y1), rings in provinces[name]:
        if x0 <= lon <= x1 and y0 <= lat <= y1 and ring_contains(rings[0], lon, lat) \
                and not any(ring_contains(hole, lon, lat) for hole in rings[1:]):
            return True
    return False


def distance_km(lat1, lon1, lat2, lon2):
    """Haversine distance; good enough for picking districts and checking the Taiyuan cluster."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def place_point(rng, provinces, province, lat, lon, dmin, dmax, bearing=(0, 360)):
    """A point dmin..dmax km from (lat, lon), rounded to 6 decimals, inside the province; None after 200 tries."""
    for _ in range(200):
        d, b = rng.uniform(dmin, dmax), math.radians(rng.uniform(*bearing))
        plat = round(lat + d * math.cos(b) / 111.32, 6)
        plon = round(lon + d * math.sin(b) / (111.32 * math.cos(math.radians(lat))), 6)
        if in_province(provinces, province, plat, plon):  # test the rounded value we will write
            return plat, plon
    return None


def load_places():
    """Cities (name_zh ending in 市, population > 0, one per name and province, largest first)
    and, for each city, the districts/counties (区, 县) whose nearest city it is."""
    rows = [r for r in csv.DictReader(CITIES.open(encoding="utf-8"))
            if r["name_zh"] and r["province_zh"] not in EXCLUDED_PROVINCES]
    rows.sort(key=lambda r: (-int(r["population"]), int(r["geonameid"])))
    cities, seen = [], set()
    for r in rows:
        key = (r["name_zh"], r["province_zh"])
        if r["name_zh"].endswith("市") and int(r["population"]) > 0 and key not in seen:
            seen.add(key)
            cities.append(dict(name=r["name_zh"], province=r["province_zh"], iso=r["province_iso"][3:],
                               lat=float(r["lat"]), lon=float(r["lon"]), pop=int(r["population"])))
    districts = {c["name"]: [] for c in cities}
    for r in rows:
        if r["name_zh"][-1] in "区县":
            lat, lon = float(r["lat"]), float(r["lon"])
            same = [c for c in cities if c["province"] == r["province_zh"]]
            if same:
                owner = min(same, key=lambda c: distance_km(lat, lon, c["lat"], c["lon"]))
                districts[owner["name"]].append((r["name_zh"], lat, lon))
    districts.update(DISTRICT_OVERRIDES)
    return cities, districts


def weighted(rng, pairs):
    """One value from (value, weight) pairs."""
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def draw_amenities(rng, kind, shower):
    """Mostly the kind's typical amenities plus up to two others, in canonical order."""
    tags = [t for t in TYPICAL[kind] if rng.random() < 0.7] + rng.sample(EXTRAS[kind], rng.randint(0, 2))
    tags.append(ALWAYS[kind])
    if kind == OUTDOOR and shower:
        tags.append("shower")
    return sorted(set(tags), key=AMENITIES.index)


def draw_phone(rng, city):
    """Empty (30 %), a landline such as 0351-4123456 where the area code is known, or an 11-digit mobile."""
    u = rng.random()
    if u < 0.3:
        return ""
    if u < 0.65 and city in AREA_CODES:
        code, n = AREA_CODES[city]
        return f"{code}-{rng.randint(2, 8)}{rng.randrange(10 ** (n - 1)):0{n - 1}d}"
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"


def name_and_operator(rng, kind, c, d, road):
    """A realistic (name, operator, is_bank) for a station of `kind` in city c, district d ('' if unknown)."""
    s = c[:-1] if c.endswith("市") and len(c) > 2 else c
    union = f"{c}{d}总工会"
    company = rng.choice(COMPANIES).format(s=s)
    options = {
        OUTDOOR: [(f"{c}{d}环卫工人爱心驿站", union), (f"{c}{d}{road}工会驿站", union),
                  (f"{c}{d}户外劳动者服务站点", union), (f"{c}{d}{road}暖心驿站", union),
                  (f"{c}{d}快递外卖小哥爱心驿站", union), (f"{company}{road}爱心驿站", f"{company}工会"),
                  (f"中国工商银行{s}{road}支行工行驿站", f"中国工商银行{s}分行"),
                  (f"中国建设银行{s}{road}支行劳动者港湾", f"中国建设银行{s}分行")],
        DRIVER: [(f"{c}{d}货车司机之家", union), (f"{s}{rng.choice(LOGISTICS)}货车司机之家", f"{c}{d}总工会"),
                 (f"中国石化{s}{road}加油站司机之家", f"中国石化{s}石油分公司工会")],
        CARNATION: [(f"{c}总工会女职工康乃馨服务站", f"{c}总工会女职工委员会"),
                    (f"{c}{d}女职工康乃馨服务站", f"{union}女职工委员会"), (f"{c}{d}{road}爱心妈咪小屋", union),
                    (f"{company}女职工康乃馨服务站", f"{company}工会"), (f"{c}{d}妈妈驿站", f"{union}女职工委员会")],
    }[kind]
    # Bank outlets are common hosts, but not a quarter of all stations: weight the last two down.
    weights = [4] * (len(options) - 2) + [1, 1] if kind == OUTDOOR else [1] * len(options)
    name, operator = rng.choices(options, weights=weights)[0]
    return name, operator, "银行" in name


def make_station(rng, provinces, districts, city, kind, shower, used, last_in_city, spread=1.0):
    """One invented station near `city`, or None if no point inside the province was found."""
    roads = TAIYUAN_ROADS if city["name"] == "太原市" else ROADS
    tie = kind == CARNATION and last_in_city.get(city["name"], {}).get("kind") == OUTDOOR and rng.random() < 0.1
    if tie:  # same building as the city's previous station: a deliberate exact tie of coordinates
        base = last_in_city[city["name"]]
        point, district, road, number = (base["lat"], base["lon"]), base["district"], base["road"], base["number"]
    else:
        dmin, dmax = (3.0, 8.0) if kind == DRIVER else (0.3, 7.0 if kind == OUTDOOR else 5.0)  # drivers: city edge
        point = place_point(rng, provinces, city["province"], city["lat"], city["lon"], dmin, dmax * spread)
        if point is None:
            return None
        near = [(distance_km(*point, la, lo), n) for n, la, lo in districts.get(city["name"], [])]
        district = min(near)[1] if near and min(near)[0] < 8 else ""
        road, number = rng.choice(roads), rng.randint(1, 999)
    for _ in range(20):  # avoid two stations with the same name (a tie keeps its building's road)
        name, operator, bank = name_and_operator(rng, kind, city["name"], district, road)
        if name not in used:
            break
        road = road if tie else rng.choice(roads)
    else:
        name = f"{name}（{len(used)}）"
    used.add(name)
    prefix = city["province"] if city["province"] == city["name"] else city["province"] + city["name"]
    hours = weighted(rng, HOURS[kind]) if not bank else rng.choice(["Mo-Su 09:00-17:00", "Mo-Fr 08:30-17:30; Sa,Su 09:00-16:00"])
    station = dict(iso=city["iso"], name=name, kind=kind, lat=point[0], lon=point[1],
                   amenities=draw_amenities(rng, kind, shower), address=f"{prefix}{district}{road}{number}号",
                   province=city["province"], city=city["name"], opening_hours=hours,
                   phone=draw_phone(rng, city["name"]), operator=operator, district=district, road=road, number=number)
    last_in_city[city["name"]] = station
    return station


def generate(provinces):
    """All stations: the population-weighted national sample, the Taiyuan cluster and the seeds, sorted by id."""
    rng = random.Random(SEED)
    cities, districts = load_places()
    kinds = [(OUTDOOR, 70), (DRIVER, 15), (CARNATION, 15)]
    # Two stations in each province's largest city, so small provinces are not left out; the rest by population.
    draws = [c for p in sorted({c["province"] for c in cities}) for c in [next(x for x in cities if x["province"] == p)] * 2]
    draws += rng.choices(cities, weights=[c["pop"] for c in cities], k=GENERIC_COUNT - len(draws))
    used, last, stations = set(), {}, []
    for city in draws:
        station = None
        while station is None:  # a city whose point lies off the coast may need another draw
            kind = weighted(rng, kinds)
            station = make_station(rng, provinces, districts, city, kind, rng.random() < 0.2, used, last)
            city = city if station else rng.choices(cities, weights=[c["pop"] for c in cities])[0]
        stations.append(station)
    taiyuan = next(c for c in cities if c["name"] == "太原市")
    cluster = [OUTDOOR] * (TAIYUAN_COUNT - 10) + [DRIVER] * 5 + [CARNATION] * 5
    rng.shuffle(cluster)
    for i, kind in enumerate(cluster):  # about a third of the outdoor stations here get a shower
        stations.append(make_station(rng, provinces, districts, taiyuan, kind, i % 3 == 0, used, last, 1.3))
    numbers = rng.sample(range(100000, 1000000), len(stations))  # seeds use 0000xx, so never collide
    for station, number in zip(stations, numbers):
        station["id"] = f"stn-{station['iso']}-{number:06d}"
    for sid, name, kind, (lat, lon, dmax, b0, b1), tags, address, province, city, hours, operator, *_ in SEED_STATIONS:
        point = place_point(rng, provinces, province, lat, lon, 0.1, dmax, (b0, b1))
        stations.append(dict(id=sid, name=name, kind=kind, lat=point[0], lon=point[1],
                             amenities=sorted(tags.split(), key=AMENITIES.index), address=address, province=province,
                             city=city, opening_hours=hours, phone="", operator=operator))
    return sorted(stations, key=lambda s: s["id"])


def csv_text(stations):
    """The interchange CSV: LF line endings, RFC 4180 quoting only where needed."""
    def field(value):
        return '"' + value.replace('"', '""') + '"' if any(ch in value for ch in ',"\r\n') else value
    lines = [HEADER]
    for s in stations:
        values = [s["id"], s["name"], s["kind"], f"{s['lat']:.6f}", f"{s['lon']:.6f}", ";".join(s["amenities"]),
                  s["address"], s["province"], s["city"], s["opening_hours"], s["phone"], s["operator"]]
        lines.append(",".join(field(v) for v in values))
    return "\n".join(lines) + "\n"


def swift_text(csv_body):
    """EmbeddedStations.swift: the CSV as a raw multi-line literal. The empty line before the closing
    delimiter keeps the CSV's final newline (Swift drops the newline right before it)."""
    assert '"""#' not in csv_body and "\\#" not in csv_body and "\r" not in csv_body
    return ("// Generated by tools/generate-default-data.py from geodata/stations.csv; do not edit.\n"
            "// Embedded so that an installed `stations` binary works without the source tree.\n\n"
            "/// The default station set, byte-identical to `geodata/stations.csv`.\n"
            "enum EmbeddedStations {\n"
            "    /// The CSV text (interchange format, UTF-8).\n"
            '    static let csv = #"""\n' + csv_body + '\n"""#\n}\n')


def check(stations, provinces):
    """Fail loudly if the output misses a requirement of the default data set."""
    ids = [s["id"] for s in stations]
    assert len(set(ids)) == len(ids) and 600 <= len(ids) <= 900, len(ids)
    assert len({s["province"] for s in stations}) >= 25
    for s in stations:
        assert s["amenities"] and in_province(provinces, s["province"], s["lat"], s["lon"]), s
        assert s["kind"] != DRIVER or "parking" in s["amenities"]
        assert s["kind"] != CARNATION or "lactation-room" in s["amenities"]
    near = [s for s in stations if distance_km(*TAIYUAN, s["lat"], s["lon"]) <= 20]
    assert len(near) >= 30 and sum("shower" in s["amenities"] for s in near) >= 8
    assert len({s["kind"] for s in near if "shower" in s["amenities"]}) >= 2


def readme_text(stations):
    """geodata/README.md with counts, the seed-record table and the licences."""
    kinds = {k: sum(s["kind"] == k for s in stations) for k in (OUTDOOR, DRIVER, CARNATION)}
    groups = {}  # one table row per facility, or per group of numbered stations from the same sentence
    for sid, name, _, _, _, _, _, city, _, _, src, note in SEED_STATIONS:
        groups.setdefault((src, note), []).append((sid, name, city))
    rows = "\n".join(f"| {', '.join(f'`{m[0]}`' for m in ms)} | {ms[0][1] if len(ms) == 1 else ms[0][1][:-2] + f'{ms[0][1][-2]}–{ms[-1][1][-2:]}'}"
                     f" | {ms[0][2]} | {SOURCES[src]} | {note} |" for (src, note), ms in groups.items())
    return f"""# geodata

Data embedded in `stations` and used by its region commands. Regenerate the station set with

```sh
python3 tools/generate-default-data.py
```

(Python 3 standard library only; deterministic, so a second run gives byte-identical files).
It reads only `sources/cn-cities.csv` and `regions/cn-provinces.geojson` and writes `stations.csv`,
`../Sources/StationKit/DefaultData/EmbeddedStations.swift` (the same bytes as a Swift string, so an
installed binary needs no data files) and this README.

## stations.csv — illustrative sample

{len(stations)} stations in {len({s['province'] for s in stations})} provinces ({kinds[OUTDOOR]} outdoor-worker stations,
{kinds[DRIVER]} driver homes, {kinds[CARNATION]} carnation stations), in the CSV interchange format of
`DESIGN.md`, WGS84. **This is not a registry.** Positions, names, addresses, phone numbers, opening hours,
operators and amenities are invented by the script around real city coordinates from `cn-cities.csv`
(places weighted by population, offsets of 0.3–8 km, up to 10 km in the Taiyuan cluster, every point
inside the polygon of the province it names; Hong Kong, Macao and Taiwan are left out). Phone numbers are random: do not call them. A dense cluster around Taiyuan (太原) makes the
examples in the documentation give real answers, and a few stations share a building (exact ties).

The exception is the records below, which stand for facilities described in Chinese news reports.
Their positions are approximate (the city or district point plus a small offset, inside the province),
and where an article gives only a count, only some of the stations are included, with numbered names.
Where an article does not list facilities, the amenities are the typical ones of the kind (marked so).
The newspapers are not named in the texts we have: the Inner Mongolia and Suzhou reports carry
本报讯 / 本报记者 bylines; the Huai'an and Nanjing pieces are from a Jiangsu union paper's page
“主席论坛” (page 4, 29 July 2025).

| ids | name | city | source | what the article says (amenities derived) |
|---|---|---|---|---|
{rows}

## sources/cn-cities.csv

Populated places in China from GeoNames `cities1000`, with Chinese names and province assignment.
Licence CC BY 4.0, attribution: GeoNames, https://www.geonames.org/

## regions/cn-provinces.geojson

China's 34 province-level units as (Multi)Polygons, WGS84, from DCW-GMT 2.1.1 (Digital Chart of the
World for GMT, Debian package `gmt-dcw`), LGPL-3.0-or-later, © 2014 The GMT Team. Chinese names added,
borders made into an exact coverage and simplified to about 300 m, so a point within a few hundred
metres of a coast or border can fall on the wrong side.

Two files are derived from it and compiled into the binary (same licence, LGPL-3.0-or-later, as
derived data):

- `../Sources/StationAnalysis/Regions/EmbeddedProvinces.swift`, the same polygons as Swift text, so
  `--region 山西` works without the source tree (`python3 tools/embed-regions.py`);
- `../Sources/StationKit/Datums/ChinaOutline.swift`, the outline of the area where Chinese web maps
  shift coordinates (GCJ-02, BD-09): the union of all 34 units, Hong Kong, Macau and Taiwan
  included, buffered outward by 2 km and simplified to about 500 m
  (`python3 tools/generate-china-outline.py`, needs shapely; the steps are in its header).

## Test vectors (under `../Tests/StationKitTests/Fixtures/`)

- `geodesic-vectors.csv`: 500 point pairs in China with WGS84 geodesic distances computed with
  GeographicLib 2.1 (MIT licence), generated for this project.
- `datum-vectors.csv`: 150 points converted WGS84 → GCJ-02 → WGS84 and WGS84 → BD-09 by four
  independent PyPI libraries (prcoords, eviltransform, coordtransform, coord-convert), generated
  for this project.
- `stations-1k.csv`, `stations-1k.geojson`, `queries-1k.json`: 1,000 synthetic stations and 300
  queries answered by brute force with GeographicLib, generated for this project.
"""


def main():
    """Generate, check and write all three files."""
    provinces = load_provinces()
    stations = generate(provinces)
    check(stations, provinces)
    body = csv_text(stations)
    OUT_CSV.write_bytes(body.encode("utf-8"))
    OUT_SWIFT.parent.mkdir(parents=True, exist_ok=True)
    OUT_SWIFT.write_bytes(swift_text(body).encode("utf-8"))
    OUT_README.write_bytes(readme_text(stations).encode("utf-8"))
    print(f"{len(stations)} stations in {len({s['province'] for s in stations})} provinces -> {OUT_CSV.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
