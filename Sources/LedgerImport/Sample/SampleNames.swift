/// Fictional Thai names for the sample network's schools and support networks.
///
/// Real province names are used; every network and school name is made up, though school
/// names follow the real pattern (a village or temple name, often repeated across provinces,
/// which is why nothing is ever keyed on a name). All text is in NFC: Thai script has no
/// composed forms, so the literals below are already normalised.
enum SampleNames {
  /// Support networks: university faculties and foundations.
  static let networks: [String] = [
    "คณะศึกษาศาสตร์ มหาวิทยาลัยราชภัฏลุ่มน้ำปิง",
    "คณะครุศาสตร์ มหาวิทยาลัยราชภัฏทุ่งกุลา",
    "มูลนิธิเพื่อการเรียนรู้ชุมชนยั่งยืน",
    "คณะศึกษาศาสตร์ มหาวิทยาลัยแห่งเทือกเขาภูพาน",
    "สถาบันพัฒนาครูภาคใต้ตอนบน",
    "คณะครุศาสตร์ มหาวิทยาลัยราชภัฏริมโขง",
    "มูลนิธิห้องเรียนดอยสูง",
    "คณะศึกษาศาสตร์ มหาวิทยาลัยลุ่มน้ำมูล",
    "มูลนิธิเด็กบ้านนาเพื่อการศึกษา",
    "คณะครุศาสตร์ มหาวิทยาลัยราชภัฏชายฝั่งตะวันออก",
    "สถาบันส่งเสริมการสอนเชิงรุกแห่งที่ราบสูง",
    "มูลนิธิโรงเรียนดีใกล้บ้าน",
  ]

  /// Provinces, grouped so that consecutive entries are neighbours: a network coaches a
  /// cluster of schools in a few neighbouring provinces.
  static let provinces: [String] = [
    "เชียงใหม่", "ลำพูน", "ลำปาง", "แม่ฮ่องสอน", "เชียงราย", "พะเยา", "น่าน", "แพร่",
    "ขอนแก่น", "มหาสารคาม", "ร้อยเอ็ด", "กาฬสินธุ์", "สกลนคร", "นครพนม", "มุกดาหาร",
    "อุบลราชธานี", "ศรีสะเกษ", "สุรินทร์", "บุรีรัมย์", "นครราชสีมา", "ชัยภูมิ", "เลย",
    "อุดรธานี", "หนองคาย", "สุราษฎร์ธานี", "ชุมพร", "นครศรีธรรมราช", "ตรัง", "พัทลุง",
    "สงขลา", "ปัตตานี", "ยะลา", "นราธิวาส", "กาญจนบุรี", "ตาก", "สุพรรณบุรี", "ราชบุรี",
    "เพชรบุรี", "ระยอง", "จันทบุรี", "ตราด", "สระแก้ว", "ปราจีนบุรี", "นครสวรรค์",
    "พิษณุโลก", "เพชรบูรณ์", "กำแพงเพชร", "สุโขทัย",
  ]

  /// How schools are commonly named: after a village (บ้าน), a temple (วัด) or a community.
  static let schoolPrefixes: [String] = ["บ้าน", "บ้าน", "บ้าน", "วัด", "ชุมชน"]

  /// Place names that schools carry, as real ones do (pond, hill, stream, field ...).
  static let places: [String] = [
    "หนองบัว", "โคกสูง", "ดอนแก้ว", "ห้วยทราย", "นาคำ", "ป่าไผ่", "ท่าช้าง", "หัวนา",
    "โนนสวรรค์", "สระใหญ่", "หนองแวง", "โพธิ์งาม", "ทุ่งใหญ่", "คลองน้ำใส", "แม่ละมุน",
    "ห้วยเสือ", "นาดี", "ดงเย็น", "โคกกลาง", "บึงทอง", "ป่าตาล", "หนองหิน", "ม่วงชุม",
    "น้ำเกลี้ยง", "ไร่เหนือ", "ท่าทอง", "บ่อแก้ว", "นาโพธิ์", "ดอยงาม", "ควนเนียง",
  ]

  /// Endings some schools add to the place name ("... Wittaya", "... Sueksa").
  static let schoolSuffixes: [String] = ["", "", "", "วิทยา", "ศึกษา", "พัฒนา"]

  /// The name of network `index` (from 0); past the list, a numbered network.
  static func network(_ index: Int) -> String {
    index < networks.count ? networks[index] : "เครือข่ายพัฒนาโรงเรียนที่ \(index + 1)"
  }

  /// A school name made from a prefix, a place and an ending.
  static func school(using random: inout SplitMix64) -> String {
    "โรงเรียน" + random.pick(schoolPrefixes) + random.pick(places) + random.pick(schoolSuffixes)
  }
}

extension SampleNames {
  /// `value` in decimal with leading zeros up to `width` digits, as codes are written.
  static func padded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    guard digits.count < width else { return digits }
    return String(repeating: "0", count: width - digits.count) + digits
  }
}
