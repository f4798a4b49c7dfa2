"""Officials (contract 2 and 5.2): one test per class of language, on sentences written for the
purpose (names and bodies invented or changed), not taken from the gold."""


def offs(rec, *fields):
    fields = fields or ("name", "position", "organization")
    return [tuple(o[f] for f in fields) for o in rec["officials"]]


def test_organisation_may_start_with_a_word_that_is_also_a_title(extract):
    """The title is only the role; the body after it is the organisation, whatever its first word."""
    r = extract("Thượng tá Lò Văn Khiêm, Giám đốc Công an tỉnh Sơn La, phát biểu. Trưởng ban Tuyên giáo "
                "Tỉnh ủy Hà Thị Nết dự. Chủ nhiệm Ủy ban Kiểm tra Huyện ủy Vì Văn Đôi trao quà. "
                "Phó Trưởng ban Dân vận Thành ủy Cầm Thị Ương cũng có mặt.")
    assert offs(r, "name", "honorific", "position", "organization") == [
        ("Lò Văn Khiêm", "Thượng tá", "Giám đốc", "Công an tỉnh Sơn La"),
        ("Hà Thị Nết", None, "Trưởng ban", "ban Tuyên giáo Tỉnh ủy"),
        ("Vì Văn Đôi", None, "Chủ nhiệm", "Ủy ban Kiểm tra Huyện ủy"),
        ("Cầm Thị Ương", None, "Phó Trưởng ban", "ban Dân vận Thành ủy")]


def test_place_and_name_in_one_run_of_capitals(extract):
    """Where the capitals after a body hold its place and a person, the place gazetteers and
    family names say where the name starts; a name of four syllables or with a rarer family name
    is read whole."""
    r = extract("Phó Chủ tịch UBND tỉnh Lai Châu Giàng Páo Mỷ dự. Bí thư Tỉnh ủy Kon Tum Đinh Nguyễn Thanh Hà "
                "phát biểu. Chủ tịch UBND tỉnh Hậu Giang Hồ Thị Thu cho biết. Phó Chủ tịch UBND huyện "
                "Mù Cang Chải Khưu Văn Tường dự. Chủ tịch UBND xã Nậm Pồ Sùng A Chía kiểm tra.")
    assert offs(r) == [
        ("Giàng Páo Mỷ", "Phó Chủ tịch", "UBND tỉnh Lai Châu"),
        ("Đinh Nguyễn Thanh Hà", "Bí thư", "Tỉnh ủy Kon Tum"),
        ("Hồ Thị Thu", "Chủ tịch", "UBND tỉnh Hậu Giang"),
        ("Khưu Văn Tường", "Phó Chủ tịch", "UBND huyện Mù Cang Chải"),
        ("Sùng A Chía", "Chủ tịch", "UBND xã Nậm Pồ")]
    r = extract("Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu Nguyễn Văn Thơ dự. Ông Thái Văn Quý, Trưởng đoàn ĐBQH tỉnh, "
                "phát biểu; Bộ trưởng Bộ Giáo dục Thái Lan cũng dự.")
    assert offs(r) == [("Nguyễn Văn Thơ", "Chủ tịch", "UBND tỉnh Bà Rịa - Vũng Tàu"),
                       ("Thái Văn Quý", "Trưởng đoàn", "đoàn ĐBQH tỉnh")]


def test_names_end_where_the_capitals_end(extract):
    """A name may end the sentence, and may hold syllables that elsewhere start a body
    ("Trường", "Đồng"); a body after "tỉnh" that is no province is the person."""
    r = extract("Đây là chỉ đạo của Thủ tướng Phan Văn Trường. Chủ tịch UBND tỉnh Đầu Văn Đồng trao quà. "
                "Bà Đồng Thị Hương – Giám đốc Sở GD&ĐT dự.")
    assert offs(r, "name", "honorific", "position") == [
        ("Phan Văn Trường", None, "Thủ tướng"), ("Đầu Văn Đồng", None, "Chủ tịch"),
        ("Đồng Thị Hương", "bà", "Giám đốc")]


def test_schools_and_places_named_after_people_are_not_people(extract):
    r = extract("Hiệu trưởng Trường THCS Chu Văn An phát biểu. Hiệu trưởng Trường THPT Chuyên Lê Quý Đôn "
                "báo cáo. Chủ tịch UBND tỉnh Hà Nam yêu cầu. Giải thưởng Võ Trường Toản, đường Nguyễn Văn Cừ. "
                "Hiệu trưởng Trường THPT Lương Thế Vinh Hà Nội phát biểu.")
    assert r["officials"] == []
    # a school's name before a comma and a role without a name: the role is not the school's
    r = extract("Tại Trường THPT Nguyễn Trãi, Phó Giám đốc Sở GD&ĐT dự lễ. Về thăm Trường Đại học Phan Châu "
                "Trinh, Chủ tịch UBND tỉnh tặng quà. Trường Cao đẳng Lê Quý Đôn, Hiệu trưởng nhà trường phát biểu.")
    assert r["officials"] == []
    r = extract("Hiệu trưởng Trường THCS Chu Văn An Nguyễn Thị Nhàn cho biết; bà Lê Thị Sen, Giám đốc Sở "
                "Giáo dục và Đào tạo tỉnh Hà Tây (cũ), kể lại.")
    assert offs(r) == [("Nguyễn Thị Nhàn", "Hiệu trưởng", "Trường THCS Chu Văn An"),
                       ("Lê Thị Sen", "Giám đốc", "Sở Giáo dục và Đào tạo tỉnh Hà Tây (cũ)")]


def test_titles_are_kept_as_written(extract):
    """Abbreviations, a typo in a tone mark, lower case: the position as the text writes it."""
    r = extract("PGĐ Sở GD&ĐT Tòng Văn Lả kiểm tra. Phó Hiêu trưởng Lường Thị Đào cho biết. Về dự có "
                "đồng chí Lò Văn Phòng, phó chủ tịch UBND xã Chiềng Sơ. Ông Quàng Văn Nam – TUV, PCT UBND tỉnh dự.")
    assert offs(r, "name", "position", "organization", "other_roles") == [
        ("Tòng Văn Lả", "PGĐ", "Sở GD&ĐT", []),
        ("Lường Thị Đào", "Phó Hiêu trưởng", None, []),
        ("Lò Văn Phòng", "phó chủ tịch", "UBND xã Chiềng Sơ", []),
        ("Quàng Văn Nam", "PCT", "UBND tỉnh", ["TUV"])]
    assert extract("Cả toàn bộ trường Lê Văn Tám đều nghỉ.")["officials"] == []  # no title in "bộ trường"
    (o,) = extract("Hiệu trưởng Trường bán trú Sín Chải Lò Văn Pản cho biết.")["officials"]  # not "Trưởng ban"
    assert (o["name"], o["organization"]) == ("Lò Văn Pản", "Trường bán trú Sín Chải")
    # spelled as the page spells it (U+00D0 for Đ, old tone placement), found on the normalised view
    (o,) = extract("Đ/c Lò Văn Hoà - Thành uỷ viên - Phó Chủ tịch H\u00d0ND thành phố")["officials"]
    assert (o["name"], o["honorific"], o["organization"], o["other_roles"], o["organization_normalized"]) == (
        "Lò Văn Hoà", "đ/c", "H\u00d0ND thành phố", ["Thành uỷ viên"], "Hội đồng nhân dân thành phố")


def test_ministry_titles(extract):
    r = extract("Vụ trưởng Vụ Giáo dục Mầm non Trần Văn Khải phát biểu. Ông Lê Hồng Sơn, Cục trưởng Cục "
                "Quản lý chất lượng, cho biết. Bà Nguyễn Thu Trang – Cục phó, Cục Hợp tác quốc tế, Bộ GD&ĐT; "
                "Phó Cục trưởng Cục Nhà giáo và Cán bộ quản lý giáo dục Vũ Đức Minh trả lời.")
    assert offs(r) == [
        ("Trần Văn Khải", "Vụ trưởng", "Vụ Giáo dục Mầm non"),
        ("Lê Hồng Sơn", "Cục trưởng", "Cục Quản lý chất lượng"),
        ("Nguyễn Thu Trang", "Cục phó", "Cục Hợp tác quốc tế, Bộ GD&ĐT"),
        ("Vũ Đức Minh", "Phó Cục trưởng", "Cục Nhà giáo và Cán bộ quản lý giáo dục")]
    r = extract("Ông Đỗ Xuân Thịnh – Phó Vụ trưởng Vụ Giáo dục Trung học (Bộ GD&ĐT) cho biết; bà Vi Thị Lụa, "
                "Hiệu trưởng Trường THCS Nà Nhạn (TP Điện Biên Phủ), nói.")
    assert offs(r) == [("Đỗ Xuân Thịnh", "Phó Vụ trưởng", "Vụ Giáo dục Trung học (Bộ GD&ĐT)"),
                       ("Vi Thị Lụa", "Hiệu trưởng", "Trường THCS Nà Nhạn")]


def test_titles_built_on_a_unit_word(extract):
    """The unit word stays in the position and starts the organisation; with no unit name written,
    the organisation is null."""
    r = extract("Trưởng phòng Khảo thí Cao Văn Thành cho biết. Ông Đào Văn Bình, Chánh Văn phòng Sở GD&ĐT, "
                "đọc quyết định. Trưởng đoàn kiểm tra Phùng Văn Lâm làm việc. Tổ trưởng Tổ Ngữ văn "
                "Lê Thị Hồng chia sẻ. Trưởng thôn Điểu Văn Lợi dẫn đường. Ông Lý Văn Páo, Trưởng bản Nà Sự, nói.")
    assert offs(r) == [
        ("Cao Văn Thành", "Trưởng phòng", "phòng Khảo thí"),
        ("Đào Văn Bình", "Chánh Văn phòng", "Văn phòng Sở GD&ĐT"),
        ("Phùng Văn Lâm", "Trưởng đoàn", None),
        ("Lê Thị Hồng", "Tổ trưởng", "Tổ Ngữ văn"),
        ("Điểu Văn Lợi", "Trưởng thôn", None),
        ("Lý Văn Páo", "Trưởng bản", "bản Nà Sự")]


def test_organisation_is_apart_from_the_position(extract):
    r = extract("Phó Chủ tịch Thường trực HĐND tỉnh Bạc Cầm Khiêm chủ trì. Ông Ngô Văn Tâm, Phó Giám đốc phụ "
                "trách Trung tâm GDNN-GDTX huyện, dự. Thủ tướng Chính phủ Lê Văn Hiến trao quà; nguyên Phó "
                "Chủ tịch nước Tòng Thị Bình cũng dự.")
    assert offs(r, "name", "position", "organization", "former") == [
        ("Bạc Cầm Khiêm", "Phó Chủ tịch Thường trực", "HĐND tỉnh", False),
        ("Ngô Văn Tâm", "Phó Giám đốc phụ trách", "Trung tâm GDNN-GDTX huyện", False),
        ("Lê Văn Hiến", "Thủ tướng", "Chính phủ", False),
        ("Tòng Thị Bình", "Phó Chủ tịch nước", None, True)]


def test_a_verb_after_the_body_is_not_part_of_it(extract):
    """Only words that can name a body continue it (org_words.txt, or the lower-case half of a
    capitalised word): the verb after it, or a person after "và", ends it."""
    r = extract("Ông Hà Văn Tuấn, Giám đốc Sở GD&ĐT Lai Châu kiểm tra công tác thi. Bà Lò Thị Hoa, Phó Giám "
                "đốc Sở GD&ĐT thông tin thêm. Ông Lê Văn Hải, Chủ tịch UBND huyện tổ chức đối thoại. "
                "Ông Trần Văn Sinh, Hiệu trưởng Trường THPT Mường Nhé chia sẻ. Dự có các ông Vũ Văn An, "
                "Phó Giám đốc Sở Nội vụ và Mai Văn Bảo, Trưởng phòng Tổ chức cán bộ.")
    assert offs(r, "name", "organization") == [
        ("Hà Văn Tuấn", "Sở GD&ĐT Lai Châu"), ("Lò Thị Hoa", "Sở GD&ĐT"), ("Lê Văn Hải", "UBND huyện"),
        ("Trần Văn Sinh", "Trường THPT Mường Nhé"), ("Vũ Văn An", "Sở Nội vụ"),
        ("Mai Văn Bảo", "phòng Tổ chức cán bộ")]
    r = extract("Ông Vi Văn Hòa, Chủ tịch UBND tỉnh ban hành quyết định. Bà Lò Thị Lan, Giám đốc Sở Y tế "
                "phòng chống dịch. Ông Cầm Văn Ích, Hiệu trưởng nhà trường hội ý.")
    assert offs(r, "name", "organization") == [("Vi Văn Hòa", "UBND tỉnh"), ("Lò Thị Lan", "Sở Y tế"),
                                               ("Cầm Văn Ích", "nhà trường")]
    r = extract("Chủ tịch Hội Khuyến học tỉnh Lò Văn Cương trao học bổng; Ông Đỗ Văn Tú, Chủ tịch Hội Cựu "
                "giáo chức huyện, phát biểu.")
    assert offs(r, "name", "organization") == [("Lò Văn Cương", "Hội Khuyến học tỉnh"),
                                               ("Đỗ Văn Tú", "Hội Cựu giáo chức huyện")]


def test_honorifics_only_when_attached(extract):
    r = extract("Dự có các đồng chí: Lò Văn Tính, Phó Chủ tịch UBND tỉnh; Vàng A Dế, Giám đốc Sở GD&ĐT. "
                "Nhà giáo Quách Văn Long, nguyên Hiệu trưởng Trường THCS Pú Nhi, kể. Cô giáo Lò Thị Ngân, "
                "Phó Hiệu trưởng nhà trường, cho biết. Đồng chí Bí thư Đảng ủy xã Kiều Văn Sơn phát biểu. "
                "Đ/c Hoàng Văn Thụ - Trưởng phòng GD&ĐT huyện dự. PGS.TS Lê Anh Vinh, Viện trưởng Viện "
                "Khoa học Giáo dục Việt Nam, cho biết.")
    assert offs(r, "name", "honorific", "position") == [
        ("Lò Văn Tính", None, "Phó Chủ tịch"), ("Vàng A Dế", None, "Giám đốc"),
        ("Quách Văn Long", None, "Hiệu trưởng"), ("Lò Thị Ngân", None, "Phó Hiệu trưởng"),
        ("Kiều Văn Sơn", "đồng chí", "Bí thư"), ("Hoàng Văn Thụ", "đ/c", "Trưởng phòng"),
        ("Lê Anh Vinh", "PGS.TS", "Viện trưởng")]


def test_credits_roles_by_verb_and_roles_without_names_are_not_officials(extract):
    r = extract("Ông Tạ Văn Vinh làm Trưởng ban. Bà Lê Thị Ánh được bầu giữ chức Chủ tịch Công đoàn. "
                "Hai thầy đều là nguyên Hiệu trưởng. Chủ tịch UBND huyện đề nghị các xã. Lãnh đạo huyện "
                "Mường Ảng dự. Em Lò Thị Mai, học sinh lớp 9A, phát biểu. Ông Vũ Văn Tèo, phụ huynh học sinh.\n"
                "Ảnh: Minh Khang\nTin, ảnh: Đức Lương\nThu Trang – Hữu Phước")
    assert r["officials"] == []
    (o,) = extract("UBND huyện bổ nhiệm ông Bế Văn Khoa, Phó Giám đốc Trung tâm GDNN-GDTX huyện Bảo Lâm, "
                   "giữ chức Giám đốc.")["officials"]
    assert (o["name"], o["position"], o["organization"]) == ("Bế Văn Khoa", "Phó Giám đốc", "Trung tâm GDNN-GDTX huyện Bảo Lâm")


def test_chains_and_former_roles(extract):
    """The last role is the position; earlier ones keep "Nguyên" as written; a chain ends at the
    next person, and a role naming the next person is that person's."""
    r = extract("Bà Lục Thị Oanh – Nguyên Trưởng phòng GD&ĐT huyện, Nguyên Hiệu trưởng Trường THCS Nà Tấu kể. "
                "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Hoàng Văn Khôi trao quà. Dự có Phó Bí thư Thường trực "
                "Tỉnh ủy Lò Văn Sự, Phó Chủ tịch UBND tỉnh Mùa A Vảng cùng lãnh đạo các sở. Ông Phạm Văn Tám, "
                "Bí thư Tỉnh ủy kiêm Chủ tịch HĐND tỉnh dự. Thực hiện chỉ đạo của Thủ tướng Chính phủ, Bộ "
                "trưởng Lê Văn Kim yêu cầu.")
    assert offs(r, "name", "position", "organization", "other_roles", "former") == [
        ("Lục Thị Oanh", "Hiệu trưởng", "Trường THCS Nà Tấu", ["Nguyên Trưởng phòng GD&ĐT huyện"], True),
        ("Hoàng Văn Khôi", "Chủ tịch", "UBND huyện", ["Phó Bí thư Huyện ủy"], False),
        ("Lò Văn Sự", "Phó Bí thư Thường trực", "Tỉnh ủy", [], False),
        ("Mùa A Vảng", "Phó Chủ tịch", "UBND tỉnh", [], False),
        ("Phạm Văn Tám", "Chủ tịch", "HĐND tỉnh", ["Bí thư Tỉnh ủy"], False),
        ("Lê Văn Kim", "Bộ trưởng", None, [], False)]
    r = extract("Đoàn thăm nhà giáo Lò Văn Ún – Nguyên Giám đốc Sở GD&ĐT, bà Cà Thị Xuân – Nguyên Phó Giám đốc "
                "Sở GD&ĐT, và ông Vi Văn Sáng – Nguyên Trưởng phòng GD&ĐT huyện.")
    assert offs(r, "name", "position", "other_roles", "former") == [
        ("Lò Văn Ún", "Giám đốc", [], True), ("Cà Thị Xuân", "Phó Giám đốc", [], True),
        ("Vi Văn Sáng", "Trưởng phòng", [], True)]


def test_one_record_per_name_and_position_from_the_first_mention(extract):
    r = extract("Phó Bí thư Huyện ủy Triệu Văn Lành dự lễ.\nÔng Triệu Văn Lành, Chủ tịch UBND huyện, phát biểu. "
                "Chủ tịch UBND huyện Triệu Văn Lành trao quà. Giám đốc Sở GD&ĐT Lò Văn Mười dự; ông Lò Văn Mười, "
                "Giám đốc Sở GD&ĐT tỉnh Điện Biên, cho biết.")
    assert offs(r, "name", "honorific", "position", "organization") == [
        ("Triệu Văn Lành", None, "Phó Bí thư", "Huyện ủy"), ("Triệu Văn Lành", "ông", "Chủ tịch", "UBND huyện"),
        ("Lò Văn Mười", None, "Giám đốc", "Sở GD&ĐT")]  # no honorific from the later, merged mention


def test_captions_and_quotes(extract):
    """A caption's position note in brackets, a quote's colon, a credit label after the body."""
    r = extract("Đồng chí Vừ A Sử (thứ 3 từ trái sang), Phó Chủ tịch UBND tỉnh trao bằng khen\n"
                "Ông Giàng A Tính, Chủ tịch UBND xã Sín Chải: “Chúng tôi vận động học sinh ra lớp”.\n"
                "Tiến sĩ Lê Văn Hòa - Giám đốc Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh Ảnh: CTV.")
    assert offs(r, "name", "honorific", "organization") == [
        ("Vừ A Sử", "đồng chí", "UBND tỉnh"), ("Giàng A Tính", "ông", "UBND xã Sín Chải"),
        ("Lê Văn Hòa", "Tiến sĩ", "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh")]


def test_role_before_a_name_between_commas(extract):
    """"Chủ tịch UBND huyện, Nguyễn Văn A, cho biết": the name in apposition after the role; a name
    followed by its own role is the next person's."""
    r = extract("Chủ tịch UBND huyện, Sầm Văn Lợi, cho biết huyện có 30 trường. Dự có Giám đốc Sở Nội vụ, "
                "Lò Văn Tiến, Phó Giám đốc Sở GD&ĐT và nhiều đại biểu. Nhận Bằng khen của Bộ trưởng Bộ GD&ĐT, "
                "Lê Văn Hào đã rất xúc động.")
    assert offs(r) == [("Sầm Văn Lợi", "Chủ tịch", "UBND huyện"), ("Lò Văn Tiến", "Phó Giám đốc", "Sở GD&ĐT")]



def test_central_highlands_names_with_a_gender_prefix_and_clan_names(extract):
    """Ê Đê, M'nông and Jrai names: a gender prefix glued by an apostrophe of either form ("H’",
    "H'", "K'"), clan syllables such as "Kđoh", "Niê", "Êban", and Jrai family names first; read as
    the person's name after a body and its place, before a role, and in a list."""
    r = extract("Phó Chủ tịch UBND tỉnh H’Bia Mlô phát biểu. Trưởng ban Dân vận Tỉnh ủy H'Jen Kbuôr dự. "
                "Chủ tịch UBND huyện Krông Búk Y Khoa Byă trao quà. Phó Giám đốc Sở GD&ĐT K'Lưn Thị Mai "
                "cùng Bí thư Huyện ủy Rah Lan Thông kiểm tra.")
    assert offs(r) == [("H’Bia Mlô", "Phó Chủ tịch", "UBND tỉnh"), ("H'Jen Kbuôr", "Trưởng ban", "ban Dân vận Tỉnh ủy"),
                       ("Y Khoa Byă", "Chủ tịch", "UBND huyện Krông Búk"), ("K'Lưn Thị Mai", "Phó Giám đốc", "Sở GD&ĐT"),
                       ("Rah Lan Thông", "Bí thư", "Huyện ủy")]
    r = extract("Bà H’Rưn Êban – Hiệu trưởng Trường THCS Ea Súp cho biết. Tham dự có Phó Chủ tịch HĐND tỉnh "
                "H' Nga Niê Kđăm và Giám đốc Sở GD&ĐT Puih Đơn.")
    assert offs(r, "name", "honorific", "position", "organization") == [
        ("H’Rưn Êban", "bà", "Hiệu trưởng", "Trường THCS Ea Súp"), ("H' Nga Niê Kđăm", None, "Phó Chủ tịch", "HĐND tỉnh"),
        ("Puih Đơn", None, "Giám đốc", "Sở GD&ĐT")]


def test_an_apostrophe_in_a_place_is_no_name_prefix(extract):
    r = extract("Chủ tịch UBND huyện M'Drắk Lê Văn Tâm phát biểu. Bí thư Huyện ủy Ia H'Drai Đinh Văn Hùng dự.")
    assert offs(r) == [("Lê Văn Tâm", "Chủ tịch", "UBND huyện M'Drắk"), ("Đinh Văn Hùng", "Bí thư", "Huyện ủy Ia H'Drai")]


def test_party_committee_member_abbreviations_chain_to_the_role(extract):
    r = extract("Dự hội nghị có đồng chí Trần Thị Mai - QUV, Phó Chủ tịch UBND quận và ông Lê Văn Bình, ThUV, "
                "Giám đốc Sở GD&ĐT.")
    assert offs(r) == [("Trần Thị Mai", "Phó Chủ tịch", "UBND quận"), ("Lê Văn Bình", "Giám đốc", "Sở GD&ĐT")]


def test_initials_inside_an_organisation_do_not_end_it(extract):
    r = extract("Dự lễ có anh Trần Văn Bình, Ủy viên Ban Chấp hành T.Ư Đoàn, Phó chủ tịch thường trực T.Ư Hội "
                "Liên hiệp Thanh niên Việt Nam.")
    (o,) = r["officials"]
    assert (o["name"], o["position"], o["organization"]) == (
        "Trần Văn Bình", "Phó chủ tịch thường trực", "T.Ư Hội Liên hiệp Thanh niên Việt Nam")


def test_a_collective_role_belongs_to_each_listed_name(extract):
    r = extract("Tiếp đoàn có Giám đốc Sở Trần Văn An và các Phó Giám đốc Lê Thị Bình, Hoàng Văn Cường; "
                "có Phó Giám đốc Đỗ Minh Đức, Trưởng phòng Kế hoạch Vũ Thị Hoa.")
    assert [(o["name"], o["position"]) for o in r["officials"]] == [
        ("Trần Văn An", "Giám đốc"), ("Lê Thị Bình", "Phó Giám đốc"), ("Hoàng Văn Cường", "Phó Giám đốc"),
        ("Đỗ Minh Đức", "Phó Giám đốc"), ("Vũ Thị Hoa", "Trưởng phòng")]


def test_a_lower_case_pho_before_an_abbreviated_or_mistyped_title(extract):
    r = extract("Dự lễ có đồng chí Vương Thị Hạnh, phó CT UBND xã; đồng chí Đặng Văn Tùng, Phó GĐ Trung tâm "
                "GDNN-GDTX huyện; đồng chí Lý Thị Mai, phó Bi thư thường trực Đảng ủy xã.")
    assert [(o["name"], o["position"], o["organization"]) for o in r["officials"]] == [
        ("Vương Thị Hạnh", "phó CT", "UBND xã"), ("Đặng Văn Tùng", "Phó GĐ", "Trung tâm GDNN-GDTX huyện"),
        ("Lý Thị Mai", "phó Bi thư thường trực", "Đảng ủy xã")]


def test_a_role_shared_with_a_group_is_no_link_of_the_chain(extract):
    r = extract("Ông Hà Văn Tâm – Trưởng phòng GDĐT thành phố, Hiệu trưởng và nhân viên 8 trường nhận máy.")
    assert [(o["name"], o["position"], o["other_roles"]) for o in r["officials"]] == [
        ("Hà Văn Tâm", "Trưởng phòng", [])]


def test_acting_heads_are_officials(extract):
    r = extract("Dự có bà Đỗ Thị Lan, Quyền trưởng phòng Giáo dục Mầm non; ông Vi Văn Sơn, Quyền Hiệu trưởng "
                "Trường THCS Hòa Bình.")
    assert [(o["name"], o["position"], o["organization"]) for o in r["officials"]] == [
        ("Đỗ Thị Lan", "Quyền trưởng phòng", "phòng Giáo dục Mầm non"),
        ("Vi Văn Sơn", "Quyền Hiệu trưởng", "Trường THCS Hòa Bình")]


def test_civil_service_grades_are_no_officials(extract):
    r = extract("Đoàn 1 do ông Nguyễn Xuân An - Chuyên viên cao cấp, Vụ GDTrH làm Trưởng đoàn; ông Lê Văn Bình, "
                "chuyên viên Văn phòng Sở, báo cáo.")
    assert r["officials"] == []


def test_a_full_time_member_keeps_chuyen_trach_in_the_position(extract):
    r = extract("Đoàn do đồng chí Lê Quang Huy, Ủy viên chuyên trách Ban Chỉ đạo Trung ương làm trưởng đoàn.")
    assert [(o["name"], o["position"]) for o in r["officials"]] == [("Lê Quang Huy", "Ủy viên chuyên trách")]


def test_a_chain_goes_on_past_a_term_in_brackets(extract):
    r = extract("Chủ trì có đồng chí Trần Văn Sơn, Ủy viên Ban Chấp hành Trung ương Đảng (khóa XIII), Bí thư Ban cán "
                "sự Đảng, Bộ trưởng Bộ Nội vụ.")
    (o,) = r["officials"]
    assert (o["position"], o["organization"], o["other_roles"]) == (
        "Bộ trưởng", "Bộ Nội vụ", ["Ủy viên Ban Chấp hành Trung ương Đảng", "Bí thư Ban cán sự Đảng"])


def test_the_abbot_of_a_pagoda_ends_a_chain(extract):
    r = extract("Thượng toạ Trần Văn Tha, Phó Trưởng ban Trị sự Giáo hội Phật giáo Việt Nam tỉnh Sóc Trăng, trụ trì chùa "
                "Sê Rây Ta Mơn cho biết lớp học tiếng Khmer có 30 em.")
    (o,) = r["officials"]
    assert (o["honorific"], o["position"], o["organization"]) == ("Thượng toạ", "trụ trì", "chùa Sê Rây Ta Mơn")
    assert o["other_roles"] == ["Phó Trưởng ban Trị sự Giáo hội Phật giáo Việt Nam tỉnh Sóc Trăng"]


def test_ambassadors_and_mayors(extract):
    r = extract("Tham gia có ông Nguyễn Văn Trung, Đại sứ Việt Nam tại New Zealand; bà Tredene Dobson, Đại sứ New "
                "Zealand tại Việt Nam. Ký kết gồm ông Grant Smith, Thị trưởng Palmerston North.")
    assert [(o["name"], o["position"], o["organization"]) for o in r["officials"]] == [
        ("Nguyễn Văn Trung", "Đại sứ", "Việt Nam tại New Zealand"), ("Tredene Dobson", "Đại sứ", "New Zealand tại Việt Nam"),
        ("Grant Smith", "Thị trưởng", "Palmerston North")]


def test_a_body_named_with_ton_giao_before_a_name(extract):
    # ("Tôn" is a family name too: "Tôn giáo" is read as the body's words, not the start of a name)
    r = extract("Dự hội nghị có Bộ trưởng Bộ Dân tộc và Tôn giáo Đào Ngọc Dung, Trưởng ban Tôn giáo Lê Văn Dung "
                "và bà Tôn Nữ Thị Ninh, Đại sứ.")
    assert [(o["name"], o["position"], o["organization"]) for o in r["officials"]] == [
        ("Đào Ngọc Dung", "Bộ trưởng", "Bộ Dân tộc và Tôn giáo"), ("Lê Văn Dung", "Trưởng ban", "ban Tôn giáo"),
        ("Tôn Nữ Thị Ninh", "Đại sứ", None)]
