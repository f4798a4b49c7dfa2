<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tin giáo dục</title></head>
<body><h1 class="category-title">Tin giáo dục</h1><ul class="news-list">
<li class="item"><h3><a href="/portal/Pages/2021-02-25/VPUB--Dong-chi-Vu-A-Bang-Pho-Chu-tich-UBND-tinh-tham-va-lam-viec-tai-So-GDDT.aspx" title="VPUB - Đồng chí Vừ A Bằng, Phó Chủ tịch UBND tỉnh thăm và làm việc tại Sở Giáo dục và Đào tạo">VPUB - Đồng chí Vừ A Bằng, Phó Chủ tịch UBND tỉnh thăm và làm việc tại Sở Giáo dục và Đào tạo</a></h3></li>
<li class="item"><h3><a href="/portal/Pages/2018-01-29/Hoi-nghi-So-ket-hoc-ky-I-va-trien-khai-nhiem-vu-hoc-ky-II-nam-hoc-2017-2018.aspx" title="Hội nghị Sơ kết học kỳ I và triển khai nhiệm vụ học kỳ II năm học 2017 - 2018">Hội nghị Sơ kết học kỳ I và triển khai nhiệm vụ học kỳ II năm học 2017 - 2018</a></h3></li>
</ul></body></html>
