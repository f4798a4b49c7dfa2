<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>VPUB - Đồng chí Vừ A Bằng, Phó Chủ tịch UBND tỉnh thăm và làm việc tại Sở Giáo dục và Đào tạo</title>
<link rel="canonical" href="https://dienbien.gov.vn/portal/Pages/2021-02-25/VPUB--Dong-chi-Vu-A-Bang-Pho-Chu-tich-UBND-tinh-tham-va-lam-viec-tai-So-GDDT.aspx"></head>
<body>
<div id="header"><div class="banner">Cổng thông tin điện tử tỉnh Điện Biên</div>
<ul class="menu"><li><a href="/portal/Pages/default.aspx">Trang chủ</a></li><li><a href="/portal/Pages/tin-giao-duc.aspx">Giáo dục</a></li><li>Liên hệ</li></ul></div>
<div id="main"><div class="news-detail">
<h1 class="title-news">VPUB - Đồng chí Vừ A Bằng, Phó Chủ tịch UBND tỉnh thăm và làm việc tại Sở Giáo dục và Đào tạo</h1>
<div class="date-news">Update 25 - 02 - 2021</div>
<div class="font-size"><a href="#">A-</a> <span>100%</span> <a href="#">A+</a></div>
<div class="content-news">
<p style="text-align: justify;">Dienbien.gov.vn – Chiều 24/2, đoàn công tác do đồng chí Vừ A Bằng, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh làm trưởng đoàn đã có buổi làm việc với Sở Giáo dục và Đào tạo về tình hình thực hiện nhiệm vụ phát triển giáo dục và đào tạo. Tiếp và làm việc với đoàn có đồng chí Nguyễn Văn Kiên, Giám đốc Sở Giáo dục và Đào tạo; các đồng chí trong ban Ban Giám đốc và đại diện các phòng trực thuộc Sở.</p>
<p style="text-align: justify;">Quang cảnh&nbsp;của buổi làm việc</p>
<p style="text-align: justify;">Tại buổi làm việc, các đại biểu đã được nghe đại diện lãnh đạo Sở Giáo dục và Đào tạo báo cáo tình hình thực hiện nhiệm vụ phát triển giáo dục và đào tạo.&nbsp;Theo đó, năm học 2020 – 2021, ngành giáo dục và đào tạo quản lý 497 trường, trung tâm với hơn 7.300 lớp, trên 200.000 học sinh, sinh viên và gần 15.800 cán bộ quản lý, giáo viên, nhân viên. So với năm học trước, toàn ngành giảm 21 cơ sở giáo dục, tăng 5.450 học sinh; giảm 30 cán bộ quản lý, 140 giáo viên, 209 nhân viên. Hệ thống cơ sở vật chất được đảm bảo. Bên cạnh đó, toàn ngành giáo dục và đào tạo luôn tập trung thực hiện các mục tiêu, nhiệm vụ phát triển giáo dục như: nâng cao chất lượng, chuẩn hóa đội ngũ giáo viên và cán bộ quản lý giáo dục; tăng cường cơ sở vật chất, thiết bị trường học, sách giáo khoa; tổ chức thực hiện tốt nhiệm vụ chuyên môn; phổ cập giáo dục – xóa mù chữ, xây dựng xã hội học tập, phát triển trung tâm học tập cộng đồng; đẩy mạnh cải cách hành chính về giáo dục và đào tạo.</p>
<p style="text-align: justify;">Tại buổi làm việc, Sở Giáo dục và Đào tạo đã nêu những khó khăn, vướng mắc, kiến nghị với UBND tỉnh giải quyết như: việc ứng dụng công nghệ thông tin tại các điểm trường vùng sâu vùng xa; công tác nhân sự còn nhiều khó khăn; công tác phòng, chống dịch bệnh Covid – 19 trong trường học…</p>
<p style="text-align: justify;">Trong thời gian tới, Sở Giáo dục và Đào tạo tỉnh tập trung vào 10 nhóm nhiệm vụ và 5 giải pháp tập trung chủ yếu: tiếp tục thực hiện đồng bộ các nhóm nhiệm vụ và giải pháp của năm 2020 – 2021; thực hiện đồng thời, hiệu quả 2 nhiệm vụ về phòng chống dịch bệnh Covid – 19 và tổ chức hoạt động dạy học; duy trì hoạt động và khai thác hiệu quả các phần mềm quản lý, đẩy mạnh ứng dụng công nghệ thông tin trong dạy học và quản lý; thực hiện đào tạo, bồi dưỡng nâng cao trình độ chuyên môn, nghiệp vụ cho đội ngũ cán bộ quản lý, giáo viên theo kế hoạch; chuẩn bị các điều kiện để Bộ Giáo dục và Đào tạo tổ chức kiểm tra công nhận tỉnh đạt chuẩn xóa mù chữ mức độ 2 năm 2020.</p>
<p style="text-align: justify;">Phát biểu kết luận buổi làm việc, đồng chí Vừ A Bằng, Phó Chủ tịch UBND tỉnh biểu dương và đánh giá cao ý thức tổ chức kỷ luật, tinh thần đoàn kết của cán bộ, viên chức Sở Giáo dục và Đào tạo. Đồng chí đề nghị thời gian tới, Sở Giáo dục và Đào tạo duy trì sự phát triển ổn định đáp ứng tốt nhu cầu học tập của học sinh, sinh viên; quan tâm đến đời sống của giáo viên, tạo động lực cho đội ngũ cán bộ, giáo viên yên tâm công tác; thực hiện tốt nhiệm vụ kép là vừa phòng, chống dịch vừa thực hiện tốt nhiệm vụ của ngành giáo dục./.</p>
<p style="text-align: right;"><strong>Nguyễn Dịu</strong></p>
</div></div>
<div class="tin-moi-nhat"><h3>Tin mới nhất</h3><ul>
<li><a href="/portal/Pages/tin-0.aspx">VPUB - Tổng kết thực hiện Đề án vận động hỗ trợ làm nhà Đại đoàn kết cho hộ nghèo tỉnh Điện Biên</a><span class="date">(28/03/2024 11:06 CH)</span></li>
<li><a href="/portal/Pages/tin-1.aspx">VPUB - Đồng chí Trương Thị Mai làm việc với Ban Thường vụ Tỉnh ủy Điện Biên</a><span class="date">(28/03/2024 9:47 CH)</span></li>
<li><a href="/portal/Pages/tin-2.aspx">VPUB - Họp bàn tháo gỡ khó khăn đối với các dự án trồng cây Mắc ca trên địa bàn tỉnh</a><span class="date">(27/03/2024 2:43 CH)</span></li>
<li><a href="/portal/Pages/tin-3.aspx">VPUB - Lễ khởi công, công trình Hồ Nậm Là huyện Mường Nhé</a><span class="date">(25/03/2024 9:44 CH)</span></li>
<li><a href="/portal/Pages/tin-4.aspx">VPUB - Gần 2.200 vận động viên tham gia Hội khỏe Phù đổng năm 2024</a><span class="date">(21/03/2024 9:48 CH)</span></li>
<li><a href="/portal/Pages/tin-5.aspx">VPUB – Chủ tịch UBND tỉnh Lê Thành Đô tiếp công dân định kỳ tháng 3</a><span class="date">(21/03/2024 10:41 CH)</span></li>
</ul><div class="paging"><a>&lt;&lt;</a> <a>&lt;</a> 1 2 3 4 5 ... <a>&gt;</a> <a>&gt;&gt;</a></div></div>
<div class="poll"><span>°</span><h4>Đánh giá của bạn về cổng thông tin điện tử</h4>
<label><input type="radio" name="poll"> Rất hài lòng</label><label><input type="radio" name="poll"> Hài lòng</label>
<p>373 người đã bình chọn</p></div>
</div>
<div id="footer">Bản quyền thuộc Ủy ban nhân dân tỉnh Điện Biên. Thống kê truy cập: 1.234.567</div>
</body></html>
