#!/usr/bin/env python3
"""Deterministic generator of synthetic Vietnamese news articles for benchmarks.

    python3 bench/gen_corpus.py --docs 20000 --seed 1 --out DIR [--large-vocab]

writes DIR/train.jsonl and DIR/test.jsonl, each with --docs articles (--test-docs overrides
the test side; 0 skips it), one JSON object per line:
{"id", "title", "text", "label"} with labels cybersecurity / summits / space / other.

The text is made of real Vietnamese words (with diacritics, NFC) drawn from topic word
lists, a general news vocabulary and common function words, plus names, places, numbers and
dates, in sentences and paragraphs of news-like length (about 2.4 KB per line on average, so
20,000 articles are about 49 MB). The same --seed always gives the same bytes (Python's
`random.Random` with string seeds is stable across versions and platforms).

--large-vocab mixes in the long tail of real news (see "Large-vocabulary mode" below): a
Zipf-weighted inventory of about 16,000 syllables built from Vietnamese onsets, rhymes and
tones and a 40,000-word lexicon made of them, Vietnamese and foreign names, communes,
companies, numbers with units, codes, English tech and brand words, typos and text typed
without diacritics. With --seed 1, 20,000 articles then hold about 646,000 distinct unigrams +
bigrams (the small corpus: about 298,000) at the same size per article and about the same
test accuracy. Without --large-vocab the output is byte for byte what it was before the mode
existed.

At the end it prints, for each side, the number of distinct unigrams and bigrams as newsline
tokenises (NFC, lower case, diacritics folded, digits dropped; see NgramCounter), and writes
them to DIR/counts.json; --no-count skips that (counting takes about twice as long as
generating and, on hundreds of thousands of articles, gigabytes of memory).

Only the Python standard library is used.
"""

import argparse
import itertools
import json
import math
import os
import random
import re
import sys
import unicodedata

# ---------------------------------------------------------------------------------------------
# Vocabulary. Entries are words (one or more syllables); each list is ordered roughly from
# more to less frequent, and a Zipf-like weight is given by position.

FUNCTION = """
và của là các những một có được cho với trong này đã sẽ đang không người khi để theo về tại
từ đến như cũng thì mà nhưng vì nên do bởi hơn rất nhiều ít mới vẫn còn lại ra vào lên xuống
trên dưới sau trước giữa bên cùng nhau đó ấy nào gì ai đâu hiện_nay tuy_nhiên ngoài_ra
bên_cạnh_đó đồng_thời trong_khi vì_vậy do_đó cụ_thể theo_đó nhằm việc sự cuộc phía phần hết
chỉ đều luôn ngay vừa từng chưa nữa rằng hay hoặc nếu thậm_chí chính vậy nhất đây kể_cả
thông_qua đối_với liên_quan trong_đó ngày tháng năm lần mỗi nhiều_nơi hầu_hết toàn_bộ một_số
các_bên phải cần nhiên có_thể không_chỉ mà_còn ngày_càng đặc_biệt_là chẳng_hạn nhờ tới qua
khiến gồm bao_gồm hơn_nữa tức_là dù dù_vậy song hiện cả cũng_như sẽ_được đã_được đang_được
nhất_là riêng tổng_cộng khoảng gần_như gần chừng đến_nay từ_đó sau_khi trước_khi
""".split()

GENERAL = """
chính_phủ bộ_trưởng thủ_tướng chủ_tịch cơ_quan doanh_nghiệp người_dân thông_tin kế_hoạch
dự_án chương_trình hoạt_động phát_triển kinh_tế xã_hội quốc_gia quốc_tế khu_vực thế_giới
thành_phố tỉnh huyện địa_phương trung_ương lãnh_đạo cán_bộ nhân_viên chuyên_gia
nhà_khoa_học báo_cáo kết_quả tình_hình vấn_đề giải_pháp chính_sách quy_định pháp_luật
nghị_định thông_tư quyết_định đề_xuất kiến_nghị ý_kiến thảo_luận cuộc_họp buổi_làm_việc
triển_khai thực_hiện tăng_cường đẩy_mạnh nâng_cao cải_thiện bảo_đảm đảm_bảo hỗ_trợ
phối_hợp hợp_tác tổ_chức đơn_vị lực_lượng trách_nhiệm nhiệm_vụ mục_tiêu định_hướng
chiến_lược tầm_nhìn năm_nay năm_ngoái tháng_trước tuần_qua hôm_nay sáng_nay chiều_qua
tối_qua thời_gian giai_đoạn quá_trình thời_điểm lần_đầu lần_này hiện_tại tương_lai
sắp_tới gần_đây liên_tục nhanh_chóng kịp_thời hiệu_quả quan_trọng cần_thiết đặc_biệt
lớn_nhất đầu_tiên cuối_cùng chính_thức mạnh_mẽ tích_cực nghiêm_trọng khó_khăn thách_thức
cơ_hội tiềm_năng lợi_ích rủi_ro nguy_cơ ảnh_hưởng tác_động thay_đổi xu_hướng nhu_cầu
thị_trường sản_phẩm dịch_vụ công_nghệ kỹ_thuật hệ_thống dữ_liệu thiết_bị phương_tiện
nguồn_lực ngân_sách nguồn_vốn đầu_tư chi_phí giá_trị tỷ_đồng triệu_đồng đô_la phần_trăm
con_số số_liệu thống_kê khảo_sát nghiên_cứu phân_tích đánh_giá kiểm_tra giám_sát quản_lý
điều_hành xây_dựng hoàn_thiện mở_rộng thúc_đẩy khuyến_khích yêu_cầu đề_nghị cho_biết
khẳng_định nhấn_mạnh chia_sẻ nhận_định bày_tỏ cho_rằng thông_báo công_bố xác_nhận
tiết_lộ cảnh_báo khuyến_cáo phát_biểu trả_lời phỏng_vấn báo_chí phóng_viên truyền_thông
mạng_xã_hội công_chúng dư_luận cộng_đồng gia_đình trẻ_em phụ_nữ thanh_niên người_cao_tuổi
học_sinh sinh_viên giáo_viên bác_sĩ kỹ_sư công_nhân nông_dân du_khách khách_hàng đối_tác
bạn_bè đồng_nghiệp cuộc_sống công_việc việc_làm thu_nhập đời_sống môi_trường khí_hậu
năng_lượng tài_nguyên đất_đai nhà_ở giao_thông hạ_tầng đô_thị nông_thôn biên_giới vùng
miền_Bắc miền_Trung miền_Nam tăng giảm đạt vượt chiếm duy_trì ổn_định bền_vững an_toàn
an_ninh trật_tự chất_lượng số_lượng quy_mô phạm_vi tiêu_chuẩn tiêu_chí điều_kiện
thủ_tục hồ_sơ giấy_phép hợp_đồng cam_kết thỏa_thuận văn_bản tài_liệu nội_dung hình_thức
phương_án kịch_bản diễn_biến sự_kiện sự_cố vụ_việc hiện_trường nguyên_nhân hậu_quả
thiệt_hại khắc_phục xử_lý ngăn_chặn phòng_ngừa ứng_phó khẩn_cấp cấp_bách lâu_dài
ngắn_hạn trung_hạn dài_hạn toàn_diện đồng_bộ minh_bạch công_khai trung_thực chính_xác
đầy_đủ rõ_ràng cụ_thể chi_tiết tổng_thể cơ_bản chủ_yếu phổ_biến rộng_rãi hàng_đầu
tiên_tiến hiện_đại truyền_thống mới_mẻ độc_đáo sáng_tạo đổi_mới chuyển_đổi_số
chuyển_đổi cải_cách tái_cơ_cấu sáp_nhập thành_lập giải_thể ký_kết phê_duyệt ban_hành
sửa_đổi bổ_sung điều_chỉnh tạm_dừng khởi_động khởi_công hoàn_thành bàn_giao vận_hành
khai_trương tổng_kết sơ_kết tuyên_dương khen_thưởng kỷ_luật vi_phạm xử_phạt điều_tra
truy_tố xét_xử bản_án tòa_án viện_kiểm_sát công_an cảnh_sát quân_đội bộ_đội ngành
lĩnh_vực bộ sở ban ủy_ban hội_đồng tập_đoàn tổng_công_ty công_ty ngân_hàng trường_học
bệnh_viện viện trung_tâm phòng văn_phòng trụ_sở nhà_máy xí_nghiệp cửa_hàng siêu_thị
chợ sân_bay cảng bến_xe ga đường_sắt quốc_lộ cao_tốc cầu đường phố làng bản ấp
khu_dân_cư chung_cư tòa_nhà công_trình mặt_bằng diện_tích hecta tấn lít ki_lô_mét
nhiệt_độ độ_ẩm lượng_mưa thời_tiết mùa_mưa mùa_khô mùa_đông mùa_hè cuối_tuần đầu_năm
cuối_năm giữa_năm quý_một quý_hai nửa_đầu nửa_cuối hằng_năm hằng_tháng hằng_ngày
buổi_sáng buổi_chiều buổi_tối ban_đêm trưa chiều sáng tối đêm giờ phút
rõ nhanh chậm mạnh yếu cao thấp lớn nhỏ dài ngắn rộng hẹp nặng nhẹ sớm muộn xa
bắt_đầu kết_thúc tiếp_tục dừng chuẩn_bị tham_gia tham_dự có_mặt vắng_mặt chủ_trì
gặp gỡ tiếp_đón trao_đổi tặng trao nhận gửi đưa mang dẫn chuyển đi đến về ở sống
làm học dạy viết đọc nghe nói xem thấy biết hiểu nhớ quên tin mong muốn cần_phải
hy_vọng lo_ngại quan_ngại băn_khoăn hài_lòng phấn_khởi vui_mừng tự_hào ấn_tượng
đáng_chú_ý đáng_kể nổi_bật tiêu_biểu điển_hình quyết_liệt khẩn_trương nghiêm_túc
thận_trọng linh_hoạt chủ_động sáng_suốt hợp_lý phù_hợp thuận_lợi hiệu_lực
sức_khỏe tính_mạng tài_sản quyền_lợi nghĩa_vụ quyền lợi nhuận doanh_thu
xuất_khẩu nhập_khẩu tăng_trưởng lạm_phát lãi_suất tỷ_giá giá_cả hàng_hóa
""".split()

CYBER = """
an_ninh_mạng tin_tặc mã_độc tấn_công_mạng lỗ_hổng bảo_mật mật_khẩu tài_khoản rò_rỉ
dữ_liệu_cá_nhân mã_hóa tống_tiền ransomware phần_mềm_độc_hại lừa_đảo_trực_tuyến
giả_mạo đường_link thư_rác email_giả_mạo chiếm_quyền_điều_khiển máy_chủ trang_web
ứng_dụng điện_thoại_thông_minh hệ_điều_hành bản_vá cập_nhật tường_lửa phần_mềm_diệt_virus
virus mạng_máy_tính internet không_gian_mạng an_toàn_thông_tin sự_cố_mạng ứng_cứu
tấn_công_từ_chối_dịch_vụ botnet mạng_lưới xâm_nhập trái_phép đánh_cắp thông_tin_đăng_nhập
xác_thực_hai_lớp mã_OTP ngân_hàng_số ví_điện_tử giao_dịch chuyển_khoản tài_khoản_ngân_hàng
cuộc_gọi tin_nhắn giả_danh mạo_danh chiêu_trò kịch_bản_lừa_đảo nạn_nhân đối_tượng
nhóm_tin_tặc chuyên_gia_bảo_mật trung_tâm_giám_sát Cục_An_toàn_thông_tin Bộ_Công_an
A05 chứng_chỉ_số chữ_ký_số định_danh_điện_tử dịch_vụ_công_trực_tuyến cơ_sở_dữ_liệu
điện_toán_đám_mây trí_tuệ_nhân_tạo deepfake camera_giám_sát thiết_bị_IoT bộ_định_tuyến
lỗ_hổng_zero_day khai_thác mã_khai_thác cửa_hậu trojan phần_mềm_gián_điệp keylogger
nhật_ký_hệ_thống điều_tra_số pháp_chứng phòng_thủ diễn_tập_an_ninh_mạng tấn_công_có_chủ_đích
APT chuỗi_cung_ứng phần_mềm tải_về cài_đặt gỡ_bỏ khôi_phục sao_lưu mất_dữ_liệu
gián_đoạn_dịch_vụ ngừng_hoạt_động tiền_chuộc tiền_mã_hóa bitcoin ví_lạnh sàn_giao_dịch
trang_web_giả thương_hiệu tên_miền chứng_thực quyền_truy_cập đặc_quyền quản_trị_viên
người_dùng thiết_bị_đầu_cuối máy_trạm hệ_thống_thông_tin an_toàn_dữ_liệu bảo_vệ_dữ_liệu
Nghị_định_13 luật_An_ninh_mạng quyền_riêng_tư rò_rỉ_thông_tin mua_bán_dữ_liệu
lộ_lọt tin_giả mạng_nội_bộ VPN mã_nguồn lập_trình_viên kỹ_sư_bảo_mật săn_lỗi
tiền_thưởng chương_trình_săn_lỗi phát_hiện cảnh_báo_sớm giám_sát_an_ninh SOC
phản_ứng_sự_cố quy_trình_ứng_cứu lỗ_hổng_nghiêm_trọng điểm_yếu cấu_hình sai_sót
truy_vết dấu_vết địa_chỉ_IP máy_chủ_điều_khiển mã_độc_tống_tiền mã_hóa_dữ_liệu
bệnh_viện_bị_tấn_công hệ_thống_thanh_toán thẻ_tín_dụng gian_lận chiếm_đoạt_tài_sản
tài_khoản_mạng_xã_hội hack bị_khóa khôi_phục_tài_khoản mật_mã khóa_bí_mật
""".split()

SUMMITS = """
hội_nghị_thượng_đỉnh thượng_đỉnh nguyên_thủ lãnh_đạo_cấp_cao chuyến_thăm thăm_cấp_nhà_nước
thăm_chính_thức hội_đàm hội_kiến tuyên_bố_chung ngoại_giao quan_hệ_song_phương
đa_phương đối_tác_chiến_lược đối_tác_toàn_diện nâng_cấp_quan_hệ ASEAN APEC G20 G7
Liên_Hợp_Quốc Đại_hội_đồng phiên_họp chủ_nhà nước_chủ_nhà đoàn_đại_biểu phái_đoàn
Tổng_Bí_thư Chủ_tịch_nước Thủ_tướng_Chính_phủ Bộ_trưởng_Ngoại_giao đại_sứ đại_sứ_quán
tổng_thống thủ_tướng_nước_bạn quốc_vương hoàng_gia nghi_lễ lễ_đón bắn_đại_bác
quốc_thiều hội_trường trung_tâm_hội_nghị chương_trình_nghị_sự văn_kiện bản_ghi_nhớ
hiệp_định thương_mại_tự_do hợp_tác_kinh_tế chuỗi_cung_ứng kết_nối khu_vực_Ấn_Độ_Dương
Thái_Bình_Dương Biển_Đông hòa_bình ổn_định_khu_vực luật_pháp_quốc_tế tự_do_hàng_hải
an_ninh_khu_vực đối_thoại tham_vấn đồng_thuận đồng_chủ_trì nhóm_họp cấp_bộ_trưởng
quan_chức_cao_cấp SOM chủ_tịch_luân_phiên năm_Chủ_tịch tuyên_bố diễn_đàn bàn_tròn
phiên_toàn_thể phiên_hẹp tiệc_chiêu_đãi quốc_yến ký_kết_thỏa_thuận trao_văn_kiện
họp_báo_chung báo_chí_quốc_tế an_ninh_hội_nghị công_tác_lễ_tân hậu_cần tình_nguyện_viên
nước_thành_viên khối đối_tác_đối_thoại quan_sát_viên kết_nạp Đông_Timor Hiến_chương
cộng_đồng_ASEAN tầm_nhìn_ASEAN hội_nhập liên_kết thịnh_vượng phát_triển_bền_vững
biến_đổi_khí_hậu chuyển_đổi_xanh kinh_tế_số hợp_tác_số an_ninh_lương_thực
an_ninh_năng_lượng y_tế_công_cộng ứng_phó_đại_dịch nợ_công tài_chính_toàn_cầu
Ngân_hàng_Thế_giới IMF WTO thượng_đỉnh_kinh_doanh doanh_nhân CEO hội_đồng_doanh_nghiệp
tuần_lễ_cấp_cao lãnh_đạo_kinh_tế chủ_nghĩa_đa_phương trật_tự_quốc_tế chủ_quyền
toàn_vẹn_lãnh_thổ quan_hệ_hữu_nghị truyền_thống_hữu_nghị láng_giềng đối_ngoại
chính_sách_đối_ngoại ngoại_giao_kinh_tế kiều_bào cộng_đồng_người_Việt thăm_hỏi
điện_mừng thư_chúc_mừng hội_nghị_trực_tuyến bên_lề gặp_song_phương cuộc_gặp_thượng_đỉnh
Nhà_Trắng Điện_Kremlin Trung_Nam_Hải Phủ_Chủ_tịch Dinh_Độc_Lập Nhà_khách_Chính_phủ
đăng_cai tổ_chức_thành_công trọng_thể long_trọng hữu_nghị tin_cậy chân_thành
thực_chất hiệu_quả_thiết_thực cam_kết_mạnh_mẽ định_hướng_lớn kỷ_niệm_thiết_lập
quan_hệ_ngoại_giao năm_thiết_lập quan_hệ_Đối_tác_chiến_lược_toàn_diện
""".split()

SPACE = """
vũ_trụ vệ_tinh tên_lửa phóng bệ_phóng quỹ_đạo không_gian tàu_vũ_trụ tàu_thăm_dò
phi_hành_gia phi_hành_đoàn trạm_vũ_trụ_quốc_tế ISS NASA SpaceX ESA JAXA
Cơ_quan_Vũ_trụ sao_Hỏa Mặt_Trăng Mặt_Trời sao_Mộc sao_Kim sao_Thổ sao_Thủy
tiểu_hành_tinh sao_chổi thiên_thạch thiên_hà dải_Ngân_Hà hố_đen sao_neutron
kính_viễn_vọng kính_thiên_văn James_Webb Hubble thiên_văn_học nhà_thiên_văn
đài_thiên_văn quan_sát bầu_trời nhật_thực nguyệt_thực mưa_sao_băng ánh_sáng
bức_xạ từ_trường khí_quyển trọng_lực lực_hấp_dẫn tầng_bình_lưu quỹ_đạo_thấp
quỹ_đạo_địa_tĩnh vệ_tinh_viễn_thông vệ_tinh_quan_sát_Trái_Đất ảnh_vệ_tinh
viễn_thám VNREDSat LOTUSat NanoDragon MicroDragon Trung_tâm_Vũ_trụ_Việt_Nam
Viện_Hàn_lâm nhiên_liệu động_cơ tầng_đẩy tầng_một tầng_hai tái_sử_dụng
hạ_cánh tiếp_đất đáp_xuống khoang_chở hàng_hóa_lên_trạm ghép_nối tách_tầng
đếm_ngược cửa_sổ_phóng hoãn_phóng phóng_thành_công sự_cố_kỹ_thuật trạm_mặt_đất
điều_khiển_bay trung_tâm_điều_khiển tín_hiệu ăng_ten tần_số băng_thông
internet_vệ_tinh Starlink chòm_vệ_tinh mảnh_vỡ_không_gian rác_vũ_trụ va_chạm
tàu_đổ_bộ xe_tự_hành mẫu_đất_đá lấy_mẫu nước_đá sự_sống ngoài_Trái_Đất
hành_tinh ngoại_hành_tinh hệ_Mặt_Trời vành_đai ngôi_sao siêu_tân_tinh
vụ_nổ_lớn vũ_trụ_học vật_chất_tối năng_lượng_tối sóng_hấp_dẫn tia_vũ_trụ
tàu_Artemis chương_trình_Artemis Apollo Hằng_Nga Thiên_Cung Chandrayaan
du_hành_vũ_trụ du_lịch_vũ_trụ chuyến_bay_có_người_lái bộ_đồ_phi_hành_gia
đi_bộ_ngoài_không_gian thí_nghiệm_vi_trọng_lực phòng_thí_nghiệm_quỹ_đạo
công_nghệ_vũ_trụ ngành_hàng_không_vũ_trụ tải_trọng khối_lượng vận_tốc
tốc_độ_vũ_trụ độ_cao km_mỗi_giây phóng_lên đưa_lên_quỹ_đạo thả_vệ_tinh
cảm_biến camera_đa_phổ radar_khẩu_độ_tổng_hợp pin_mặt_trời tấm_pin
vòng_quay chu_kỳ tuổi_thọ_vệ_tinh hết_nhiên_liệu rơi_vào_khí_quyển
bốc_cháy quỹ_đạo_đồng_bộ bản_đồ dự_báo_thời_tiết_vệ_tinh giám_sát_thiên_tai
""".split()

OTHER_TOPICS = {
    "economy": """
chứng_khoán cổ_phiếu VN_Index nhà_đầu_tư thanh_khoản vốn_hóa ngân_hàng_Nhà_nước
tín_dụng lãi_suất_cho_vay tiền_gửi trái_phiếu bất_động_sản giá_nhà căn_hộ dự_án_nhà_ở
xuất_khẩu_gạo cà_phê hồ_tiêu thủy_sản dệt_may da_giày điện_tử linh_kiện
FDI vốn_ngoại khu_công_nghiệp logistics cảng_biển thuế doanh_nghiệp_nhỏ khởi_nghiệp
giá_vàng vàng_miếng nhẫn_tròn giá_xăng_dầu điều_hành_giá CPI tiêu_dùng bán_lẻ
thương_mại_điện_tử người_tiêu_dùng khuyến_mãi sức_mua lợi_nhuận_ròng cổ_tức
""",
    "sports": """
bóng_đá đội_tuyển huấn_luyện_viên cầu_thủ trận_đấu bàn_thắng ghi_bàn thủ_môn
hậu_vệ tiền_đạo tiền_vệ V_League AFF_Cup SEA_Games vòng_loại World_Cup
sân_vận_động Mỹ_Đình khán_giả cổ_động_viên tỷ_số hiệp_một hiệp_hai phạt_đền
thẻ_đỏ thẻ_vàng việt_vị chấn_thương chuyển_nhượng hợp_đồng_cầu_thủ câu_lạc_bộ
huy_chương_vàng vận_động_viên điền_kinh bơi_lội cầu_lông quần_vợt võ_thuật
bảng_xếp_hạng ngôi_đầu trụ_hạng vô_địch á_quân chung_kết bán_kết tứ_kết
""",
    "health": """
y_tế bệnh_nhân điều_trị bệnh_viện_tuyến_trung_ương khám_bệnh cấp_cứu ca_bệnh
sốt_xuất_huyết cúm tay_chân_miệng tiêm_chủng vắc_xin dịch_bệnh ổ_dịch
bảo_hiểm_y_tế thuốc dược_phẩm trang_thiết_bị_y_tế phẫu_thuật ca_mổ ghép_tạng
dinh_dưỡng béo_phì tiểu_đường huyết_áp tim_mạch ung_thư tầm_soát xét_nghiệm
Bộ_Y_tế Sở_Y_tế trạm_y_tế y_bác_sĩ điều_dưỡng ngộ_độc_thực_phẩm an_toàn_thực_phẩm
""",
    "education": """
giáo_dục học_sinh_lớp kỳ_thi tốt_nghiệp_THPT tuyển_sinh đại_học điểm_chuẩn
thí_sinh đề_thi môn_Toán Ngữ_văn tiếng_Anh chương_trình_giáo_dục sách_giáo_khoa
học_phí học_bổng giảng_viên hiệu_trưởng trường_chuyên năm_học học_kỳ
lớp_học bán_trú mầm_non tiểu_học trung_học_cơ_sở Bộ_Giáo_dục phụ_huynh
ôn_thi điểm_thi xét_tuyển nguyện_vọng ngành_học du_học tự_chủ_đại_học
""",
    "culture": """
văn_hóa nghệ_thuật lễ_hội di_sản di_tích bảo_tàng triển_lãm âm_nhạc ca_sĩ
nhạc_sĩ ban_nhạc buổi_biểu_diễn liveshow điện_ảnh bộ_phim đạo_diễn diễn_viên
phim_truyền_hình khán_giả_truyền_hình sân_khấu cải_lương chèo tuồng múa_rối_nước
nhà_văn tác_phẩm tiểu_thuyết tập_thơ giải_thưởng hoa_hậu người_mẫu thời_trang
ẩm_thực món_ăn phở bánh_mì đặc_sản du_lịch điểm_đến khách_sạn homestay
""",
    "weather": """
bão áp_thấp_nhiệt_đới mưa_lớn lũ_lụt ngập_úng sạt_lở_đất lũ_quét gió_mạnh
cấp_bão sóng_biển triều_cường nắng_nóng hạn_hán xâm_nhập_mặn rét_đậm rét_hại
không_khí_lạnh sương_mù Trung_tâm_Dự_báo khí_tượng_thủy_văn cảnh_báo_thiên_tai
sơ_tán di_dời cứu_hộ cứu_nạn thiệt_hại_mùa_màng lúa hoa_màu gia_súc
nông_nghiệp vụ_mùa thu_hoạch nông_sản trái_cây thanh_long sầu_riêng vải_thiều
""",
    "traffic": """
tai_nạn_giao_thông xe_máy ô_tô xe_tải xe_khách tài_xế người_điều_khiển
nồng_độ_cồn vượt_đèn_đỏ chạy_quá_tốc_độ ùn_tắc kẹt_xe cảnh_sát_giao_thông
phạt_nguội đăng_kiểm giấy_phép_lái_xe biển_số mũ_bảo_hiểm làn_đường
nút_giao vành_đai đường_vành_đai metro tàu_điện xe_buýt sân_bay_Long_Thành
cao_tốc_Bắc_Nam thu_phí không_dừng va_chạm lật_xe cháy_xe thương_vong
""",
}


# A long tail of everyday words (many rarer syllables), so n-grams are as varied as in real news.
EVERYDAY = """
nghèo khổ giàu sang khuya khoắt ngoằn_ngoèo lấp_lánh rực_rỡ thuyền_buồm chèo_thuyền
khuỷu_tay ngượng_ngùng nguệch_ngoạc xoắn_ốc thoăn_thoắt loạng_choạng khuếch_đại
huýt_sáo quýnh_quáng chuyện_trò trò_chuyện khoảnh_khắc nghiêng_ngả chông_chênh
tròng_trành bập_bềnh lênh_đênh mênh_mông bát_ngát thăm_thẳm chót_vót sừng_sững
lởm_chởm gồ_ghề khúc_khuỷu quanh_co uốn_lượn dòng_sông bờ_biển hòn_đảo núi_non
đồi_chè ruộng_bậc_thang cánh_đồng vườn_cây ao_hồ suối_nước giếng_khơi mái_nhà
hiên_nhà bếp_lửa nồi_cơm bát_đũa chén_trà ấm_nước quạt_nan chiếu_cói gối_mây
áo_dài nón_lá khăn_rằn guốc_mộc dép_lốp túi_xách ví_da đồng_hồ kính_mắt
xe_đạp xe_xích_lô thuyền_thúng ghe_bầu phà cầu_tre đò_ngang bến_đò chợ_phiên
quán_nước hàng_rong gánh_hàng xôi_gấc bún_chả chả_giò nem_rán canh_chua cá_kho
rau_muống dưa_cà tương_ớt nước_mắm mắm_tôm bánh_chưng bánh_tét mứt_gừng chè_đậu
kẹo_lạc ngô_nướng khoai_lang sắn_dây củ_cải bắp_cải súp_lơ cà_rốt dưa_hấu
bưởi_da_xanh cam_sành quýt_hồng chuối_tiêu xoài_cát mít_tố_nữ nhãn_lồng vú_sữa
chôm_chôm măng_cụt mận_hậu đào_tiên lựu_đỏ ổi_xá_lị khế_ngọt me_chua sấu_non
trâu_bò lợn_gà vịt_ngan chó_mèo chim_sẻ cò_trắng sếu_đầu_đỏ voọc_chà_vá
rùa_biển cá_heo san_hô rừng_ngập_mặn rừng_nguyên_sinh vườn_quốc_gia khu_bảo_tồn
thợ_mộc thợ_rèn thợ_may thợ_xây thợ_điện ngư_dân tiểu_thương xe_ôm shipper
bảo_vệ lao_công y_tá dược_sĩ kiến_trúc_sư luật_gia kế_toán thủ_quỹ thư_ký
trưởng_phòng phó_giám_đốc giám_đốc tổng_giám_đốc chủ_doanh_nghiệp nhà_sáng_lập
nhà_báo biên_tập_viên nhiếp_ảnh_gia họa_sĩ nhà_điêu_khắc nghệ_nhân thủ_công
gốm_sứ sơn_mài khảm_trai thêu_tay đan_lát dệt_thổ_cẩm mây_tre_đan tranh_Đông_Hồ
ông_bà cha_mẹ anh_em con_cháu họ_hàng hàng_xóm láng_giềng thầy_cô bạn_học
tuổi_thơ tuổi_trẻ tuổi_già ký_ức hoài_niệm kỷ_niệm mơ_ước khát_vọng niềm_tin
nỗi_buồn niềm_vui hạnh_phúc may_mắn xui_xẻo gian_nan vất_vả cần_cù chăm_chỉ
siêng_năng lười_biếng thật_thà gian_dối tử_tế nhân_hậu nghĩa_tình thủy_chung
kiên_nhẫn bền_bỉ dũng_cảm nhút_nhát khiêm_tốn kiêu_ngạo giản_dị xa_hoa
xuýt_xoa thút_thít rầm_rộ lác_đác thưa_thớt đông_đúc tấp_nập vắng_vẻ yên_tĩnh
ồn_ào náo_nhiệt sầm_uất heo_hút hẻo_lánh xa_xôi gần_gũi thân_thuộc xa_lạ
loay_hoay lúng_túng lưỡng_lự chần_chừ quả_quyết dứt_khoát ngập_ngừng hối_hả
thong_thả ung_dung khoan_thai vội_vã tất_bật bận_rộn rảnh_rỗi nhàn_nhã
khuyết_tật mồ_côi khó_khăn_đột_xuất trợ_cấp cứu_trợ quyên_góp từ_thiện thiện_nguyện
tình_nguyện hiến_máu nhân_đạo chữ_thập_đỏ mái_ấm nhà_tình_thương nhà_đại_đoàn_kết
khuyến_học khuyến_tài thư_viện sách_báo truyện_tranh báo_in báo_điện_tử phát_thanh
truyền_hình podcast livestream bình_luận_viên người_dẫn_chương_trình khách_mời
quyển_sách trang_viết bút_mực phấn_trắng bảng_đen bàn_ghế cặp_sách đồng_phục
ngõ_hẻm hẻm_nhỏ phố_cổ phố_đi_bộ vỉa_hè lòng_đường ngã_tư bùng_binh cột_đèn
biển_báo đèn_tín_hiệu trạm_dừng nhà_chờ bãi_đỗ gara tầng_hầm thang_máy ban_công
""".split()

SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý "
            "Đinh Trịnh Mai Tô Lương Tạ Hà Cao Chu Đoàn Lâm Thái Kiều Quách").split()
MIDDLES = "Văn Thị Hữu Đức Minh Thanh Ngọc Quốc Xuân Thu Hồng Anh Công Đình Hoàng Gia Bảo Kim Mạnh".split()
GIVENS = """
Hùng Dũng Tuấn Hải Nam Long Phong Sơn Trung Thắng Cường Hòa Bình Minh Quang Huy Khánh
Lâm Tâm Thành Tùng Việt Vinh An Bảo Đạt Hiếu Kiên Lộc Phúc Quân Tài Thịnh Trí Vũ Hà Lan
Mai Hương Hoa Linh Nga Ngân Nhung Oanh Phương Quyên Thảo Trang Trinh Uyên Vân Yến Loan
Hạnh Hằng Hiền Huyền Liên Ly Mơ Nhi Như Tú Thủy Tuyết Xuân Duyên Giang Hạ Khuê Lệ Ánh
Chi Diệp Đào Hân Kiều Mỹ Ngọc Thư Thùy Trâm Vy Bích
""".split()
TITLES = ("ông bà anh chị Thượng_tá Đại_tá Thiếu_tướng Trung_tướng Tiến_sĩ Giáo_sư "
          "Phó_Giáo_sư Thạc_sĩ luật_sư").split()
PLACES = """
Hà_Nội Thành_phố_Hồ_Chí_Minh Hải_Phòng Đà_Nẵng Cần_Thơ Huế Quảng_Ninh Bắc_Ninh
Hải_Dương Hưng_Yên Thái_Bình Nam_Định Ninh_Bình Thanh_Hóa Nghệ_An Hà_Tĩnh
Quảng_Bình Quảng_Trị Quảng_Nam Quảng_Ngãi Bình_Định Phú_Yên Khánh_Hòa Ninh_Thuận
Bình_Thuận Kon_Tum Gia_Lai Đắk_Lắk Đắk_Nông Lâm_Đồng Bình_Phước Tây_Ninh
Bình_Dương Đồng_Nai Bà_Rịa_Vũng_Tàu Long_An Tiền_Giang Bến_Tre Trà_Vinh Vĩnh_Long
Đồng_Tháp An_Giang Kiên_Giang Hậu_Giang Sóc_Trăng Bạc_Liêu Cà_Mau Lào_Cai Yên_Bái
Điện_Biên Lai_Châu Sơn_La Hòa_Bình Hà_Giang Cao_Bằng Bắc_Kạn Lạng_Sơn Tuyên_Quang
Thái_Nguyên Phú_Thọ Vĩnh_Phúc Bắc_Giang Hà_Nam Mỹ Trung_Quốc Nhật_Bản Hàn_Quốc
Ấn_Độ Nga Pháp Đức Anh Ý Úc Canada Brazil Indonesia Malaysia Singapore Thái_Lan
Philippines Lào Campuchia Myanmar Brunei Đông_Timor Kenya Nam_Phi Ai_Cập Israel
Iran Thổ_Nhĩ_Kỳ Ukraine Ba_Lan Hà_Lan Bỉ Thụy_Sĩ Thụy_Điển Na_Uy Phần_Lan
Tây_Ban_Nha Bồ_Đào_Nha Mexico Argentina Chile Peru New_Zealand Washington
Bắc_Kinh Tokyo Seoul Moskva Paris Berlin Luân_Đôn New_York Jakarta Bangkok
""".split()
ORGS = """
Bộ_Công_an Bộ_Quốc_phòng Bộ_Ngoại_giao Bộ_Tài_chính Bộ_Công_Thương Bộ_Thông_tin_và_Truyền_thông
Bộ_Khoa_học_và_Công_nghệ Bộ_Kế_hoạch_và_Đầu_tư Ngân_hàng_Nhà_nước Quốc_hội Văn_phòng_Chính_phủ
Viettel VNPT FPT Vingroup Vietcombank BIDV Agribank Techcombank MB_Bank VPBank
Tổng_cục_Thống_kê Ủy_ban_nhân_dân Hội_đồng_nhân_dân Mặt_trận_Tổ_quốc Đoàn_Thanh_niên
Liên_minh_châu_Âu Liên_Hợp_Quốc Tổ_chức_Y_tế_Thế_giới Quỹ_Tiền_tệ_Quốc_tế Microsoft
Google Apple Meta Samsung Amazon Kaspersky Bkav VNCERT Đại_học_Quốc_gia_Hà_Nội
Đại_học_Bách_khoa Viện_Hàn_lâm_Khoa_học_và_Công_nghệ_Việt_Nam
""".split()

SPEECH = "cho_biết nói khẳng_định nhấn_mạnh chia_sẻ nhận_định cho_rằng bày_tỏ thông_tin lưu_ý".split()

LABELS = ["cybersecurity", "summits", "space", "other"]
LABEL_SHARE = [0.2, 0.2, 0.2, 0.4]


def words(items):
    """Turns the underscore-joined entries into words (syllables joined by spaces)."""
    out, seen = [], set()
    for w in items:
        w = w.strip().replace("_", " ")
        if w and w not in seen:
            seen.add(w)
            out.append(w)
    return out


FUNCTION_W = words(FUNCTION)
GENERAL_W = words(GENERAL)
EVERYDAY_W = words(EVERYDAY)
TOPIC_W = {
    "cybersecurity": words(CYBER),
    "summits": words(SUMMITS),
    "space": words(SPACE),
}
for _name, _text in OTHER_TOPICS.items():
    TOPIC_W["other:" + _name] = words(_text.split())
PLACES_W = words(PLACES)
ORGS_W = words(ORGS)
TITLES_W = words(TITLES)
SPEECH_W = words(SPEECH)

# Placeholder tokens, expanded when a document is written.
PERSON, PLACE, ORG, NUMBER, DATE, YEAR, PERCENT, MONEY = (
    "\x00P", "\x00L", "\x00O", "\x00N", "\x00D", "\x00Y", "\x00C", "\x00M")


def zipf(items, s=0.9, rng=None):
    """(items, weights) with weight 1/(rank+1)^s; the rank order is the list order lightly
    shuffled by a fixed generator, so every list has a head and a long tail."""
    items = list(items)
    if rng is not None:
        # Swap neighbours a little: keeps "frequent first" but avoids a perfectly sorted list.
        for i in range(len(items) - 1):
            if rng.random() < 0.3:
                j = min(len(items) - 1, i + rng.randint(1, 5))
                items[i], items[j] = items[j], items[i]
    return items, [1.0 / (r + 1) ** s for r in range(len(items))]


def mixture(parts):
    """Flattens [(share, items, weights)] into one (items, cumulative weights) pool."""
    pool, cum, total = [], [], 0.0
    for share, items, weights in parts:
        norm = share / sum(weights)
        for it, w in zip(items, weights):
            total += w * norm
            pool.append(it)
            cum.append(total)
    return pool, cum


class Generator:
    def __init__(self):
        shuffle_rng = random.Random("newsline-bench:vocabulary")
        self.function = zipf(FUNCTION_W, 1.0, shuffle_rng)
        self.general = zipf(GENERAL_W, 0.7, shuffle_rng)
        self.everyday = zipf(EVERYDAY_W, 0.5, shuffle_rng)
        self.topics = {k: zipf(v, 0.8, shuffle_rng) for k, v in TOPIC_W.items()}
        specials = ([PERSON, PLACE, ORG, NUMBER, DATE, YEAR, PERCENT, MONEY],
                    [3, 3, 2, 3, 2, 1.5, 1, 1.5])
        topic_keys = list(self.topics)
        self.pools = {}
        self.title_pools = {}
        for key in topic_keys:
            others = [k for k in topic_keys if k != key]
            noise = [(0.03 / len(others),) + self.topics[k] for k in others]
            self.pools[key] = mixture(
                [(0.35,) + self.function, (0.31,) + self.general, (0.08,) + self.everyday,
                 (0.14,) + self.topics[key],
                 (0.09,) + specials] + noise)
            self.title_pools[key] = mixture(
                [(0.18,) + self.function, (0.25,) + self.general, (0.05,) + self.everyday,
                 (0.36,) + self.topics[key],
                 (0.12,) + specials] + [(0.04 / len(others),) + self.topics[k] for k in others])
        self.other_keys = [k for k in topic_keys if k.startswith("other:")]

    # -- placeholders -------------------------------------------------------------------------
    def expand(self, rng, tok):
        if tok == PERSON:
            name = "%s %s %s" % (rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(GIVENS))
            if rng.random() < 0.5:
                name = rng.choice(TITLES_W) + " " + name
            return name
        if tok == PLACE:
            return rng.choice(PLACES_W)
        if tok == ORG:
            return rng.choice(ORGS_W)
        if tok == NUMBER:
            r = rng.random()
            if r < 0.5:
                return str(rng.randint(2, 999))
            if r < 0.8:
                return "%d.%03d" % (rng.randint(1, 99), rng.randint(0, 999))
            return "%d,%d" % (rng.randint(1, 99), rng.randint(1, 9))
        if tok == DATE:
            return "ngày %d/%d" % (rng.randint(1, 28), rng.randint(1, 12))
        if tok == YEAR:
            return "năm %d" % rng.randint(2015, 2026)
        if tok == PERCENT:
            return "%d%%" % rng.randint(1, 99)
        if tok == MONEY:
            return "%d %s" % (rng.randint(2, 900), rng.choice(("tỷ đồng", "triệu đồng", "triệu USD", "nghìn tỷ đồng")))
        return tok

    # -- documents ----------------------------------------------------------------------------
    def sentence(self, rng, pool, n, quote=True):
        items, cum = pool
        toks = rng.choices(items, cum_weights=cum, k=n)
        out = []
        for i, t in enumerate(toks):
            if t[0] == "\x00":
                t = self.expand(rng, t)
            out.append(t)
            if 2 < i < n - 2 and rng.random() < 0.07:
                out[-1] += ","
        s = " ".join(out)
        s = s[0].upper() + s[1:]
        r = rng.random()
        if quote and r < 0.12:
            # A quoted statement with its speaker.
            speaker = self.expand(rng, PERSON)
            return '%s %s: "%s."' % (speaker[0].upper() + speaker[1:], rng.choice(SPEECH_W), s)
        return s + ("." if r < 0.97 else "!")

    def document(self, rng, label):
        if label == "other":
            key = rng.choice(self.other_keys)
        else:
            key = label
        pool = self.pools[key]
        # Body length in bytes: log-normal around ~2.1 KB, clipped to 400 B .. 12 KB.
        target = min(12000, max(400, int(rng.lognormvariate(math.log(1620), 0.5))))
        paragraphs, size = [], 0
        # A second topic in some articles (a cyber attack on a summit's website, say).
        second = None
        if rng.random() < 0.08:
            second = self.pools[rng.choice([k for k in self.pools if k != key])]
        while size < target:
            sents = []
            for _ in range(rng.randint(2, 5)):
                p = second if (second is not None and rng.random() < 0.3) else pool
                sents.append(self.sentence(rng, p, rng.randint(9, 30)))
            para = " ".join(sents)
            paragraphs.append(para)
            size += len(para.encode("utf-8")) + 1
        text = "\n".join(paragraphs)
        title = self.sentence(rng, self.title_pools[key], rng.randint(7, 16), quote=False)
        title = title.rstrip(".!")
        return title, text


# ---------------------------------------------------------------------------------------------
# Large-vocabulary mode (--large-vocab): the long tail of real news. On top of the lists above,
# articles draw from
#   - a syllable inventory built from Vietnamese phonotactics (onset x rhyme x tone, spelled
#     by the c/k/q, g/gh, ng/ngh and gi rules, tone mark on the vowel that carries it in the
#     usual style, NFC), ranked by a weight and given Zipf weights by rank;
#   - a lexicon of words (one to four syllables) made of those syllables, Zipf-weighted;
#   - proper names: Vietnamese full names, foreign names (Western, Russian, Japanese and
#     Korean in Latin script, Chinese in Sino-Vietnamese), communes and districts, foreign
#     places, companies;
#   - numbers with units ("12,5 tỷ đồng", "300 MW", "45 km/h"), codes ("CVE-2024-1234", "A05",
#     "số 1234/QĐ-UBND", "SN-2024-0098", acronyms, hashtags, domains), English tech and brand
#     words and made-up brand names in Latin script;
#   - noise: words with a dropped or swapped letter (typos), and words or whole sentences
#     typed without diacritics.
# Each topic keeps its own word list at the same weight as in the small corpus (the long tail
# adds 13% to a pool, so the topic words' share drops from 14% to about 12%), so topics stay
# learnable while the number of distinct unigrams and bigrams grows with the corpus, as in real
# news. The same lists drive titles (with half the lexicon's share).

LV_ONSETS = [
    ("", 5), ("b", 4), ("c", 5), ("ch", 4), ("d", 4), ("đ", 6), ("g", 2), ("gh", 1), ("gi", 3),
    ("h", 6), ("k", 3), ("kh", 4), ("l", 5), ("m", 5), ("n", 5), ("ng", 5), ("ngh", 2),
    ("nh", 5), ("p", 0.3), ("ph", 4), ("qu", 3), ("r", 2), ("s", 3), ("t", 7), ("th", 7),
    ("tr", 5), ("v", 4), ("x", 3),
]
# Rhymes (vowel nucleus + final), tone-less, roughly from more to less frequent.
LV_RHYMES = """
a ai an ang anh ao at ac ay au am ach ap
o ong on oi oc ot om op
ô ông ôi ôn ôc ôt ôm ôp
ơ ơi ơn ơm ơt ơp
e en em et eo ec ep eng
ê ên êt êu êm êch ênh êp
i in inh it ich iu im ip ia
iên iêt iêu iêm iêng iêc iêp
u ung un ui uc ut um up ua
uôn uông uôc uôi uôt uôm
ư ưng ưa ưc ưt ưi ưu ưn ưm
ương ươc ươi ươn ươt ươm ươu ươp
ăn ăng ăt ăc ăm ăp
ân âu ây âm ât âng âc âp
oa oan oang oai oanh oat oac oach oay oăn oăng oăt oăc oe oen oet oeo
uy uyên uyêt uân uât uâng uây uê uêch uênh uyt uynh uych uyn uyu uya uơ
y yên yêt yêu yêm
oong ooc
""".split()
LV_VOWELS = set("aăâeêioôơuưy")
LV_MARKED = set("ăâêôơư")
# Combining tone marks: ngang (none), huyền, sắc, hỏi, ngã, nặng, and their weights.
LV_TONES = [("", 5.0), ("\u0300", 4.0), ("\u0301", 4.0), ("\u0309", 2.0), ("\u0303", 1.2),
            ("\u0323", 3.5)]
LV_STOP_TONES = [("\u0301", 3.0), ("\u0323", 3.0)]  # a syllable ending in p, t, c, ch
LV_GLIDES = ("oa", "oă", "oe", "uy", "uâ", "uê", "uơ")
LV_LABIALS = ("b", "m", "p", "ph", "v")


def lv_spell(onset, rhyme):
    """The tone-less spelling of onset + rhyme, or None where Vietnamese spelling or
    phonotactics rule the pair out."""
    first = rhyme[0]
    front = first in "ieêy"
    if rhyme == "y":
        if onset not in ("", "h", "k", "l", "m", "s", "t", "v", "qu"):
            return None
    elif first == "y":  # yên, yêu: only without an onset or after qu (quyên)
        if onset not in ("", "qu"):
            return None
    elif rhyme.startswith("iê") and onset in ("", "qu"):
        return None
    if onset == "c" and front or onset == "k" and not front:
        return None
    if onset in ("g", "ng") and front or onset in ("gh", "ngh") and first not in "ieê":
        return None
    if onset == "qu" and first not in "aăâeêơy":
        return None
    if onset in LV_LABIALS and rhyme.startswith(LV_GLIDES):
        return None
    if onset == "gi" and first in "iy":
        if rhyme in ("ia", "y") or first == "y":
            return None
        return "g" + rhyme  # gì, gìn, giếng
    return onset + rhyme


def lv_tone_index(rhyme):
    """Index in `rhyme` of the vowel that carries the tone mark (the usual, "old" style of
    news text: hòa, thủy, khỏe; a vowel with a quality mark always wins: người, thuế)."""
    vowels = [i for i, c in enumerate(rhyme) if c in LV_VOWELS]
    marked = [i for i in vowels if rhyme[i] in LV_MARKED]
    if marked:
        return marked[-1]
    if rhyme[-1] not in LV_VOWELS:
        return vowels[-1]
    if len(vowels) <= 2:
        return vowels[0]
    return vowels[1]


def lv_with_tone(onset, rhyme, mark):
    if not mark:
        return onset + rhyme
    i = lv_tone_index(rhyme)
    return unicodedata.normalize("NFC", onset + rhyme[:i] + rhyme[i] + mark + rhyme[i + 1:])


def lv_syllables():
    """Every (spelt, toned) syllable with a frequency weight, most frequent first."""
    rng = random.Random("newsline-bench:large:syllables")
    out = {}
    for rank, rhyme in enumerate(LV_RHYMES):
        r_weight = 1.0 / (rank + 1) ** 0.6
        tones = LV_STOP_TONES if rhyme[-1] in "ptc" or rhyme.endswith("ch") else LV_TONES
        for onset, o_weight in LV_ONSETS:
            spelt = lv_spell(onset, rhyme)
            if spelt is None:
                continue
            on, rh = spelt[:len(spelt) - len(rhyme)], rhyme
            for mark, t_weight in tones:
                syl = lv_with_tone(on, rh, mark)
                w = o_weight * r_weight * t_weight * rng.lognormvariate(0, 1.0)
                if syl not in out:
                    out[syl] = w
    ranked = sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))
    return [s for s, _ in ranked]


def strip_diacritics(text):
    """The text typed without diacritics (đ -> d, case kept)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(
        "đ", "d").replace("Đ", "D")


def cap(word):
    return word[:1].upper() + word[1:]


LV_SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh "
               "Trịnh Mai Tô Lương Tạ Hà Cao Chu Đoàn Lâm Thái Kiều Quách Lưu Tống Vương La "
               "Triệu Văn Khổng Mạc Thân Doãn Kim Âu Ông Giang Nghiêm Phùng Tăng Bạch Hứa Lục "
               "Diệp Khúc Quang Trương Đàm Lã Mã Hàn Tiêu Phương Châu Nông Sầm Lò Hoàng_Phủ").split()
LV_MIDDLES = ("Văn Thị Hữu Đức Minh Thanh Ngọc Quốc Xuân Thu Hồng Anh Công Đình Hoàng Gia Bảo "
              "Kim Mạnh Bích Diệu Khánh Trọng Quang Tuấn Phương Thúy Hải Việt Nhật Duy Tiến "
              "Thế Bá Khắc Như Phúc Tường Thùy Mỹ Cẩm Lệ Hoài").split()
PLACE_SYLL = ("An Bình Hòa Phú Tân Thạnh Long Mỹ Đông Tây Nam Bắc Trung Hưng Thịnh Phước Lộc "
              "Thuận Vĩnh Xuân Thanh Sơn Hải Hà Giang Lâm Quang Minh Đức Phong Thái Hiệp Nghĩa "
              "Lợi Thành Yên Cát Tường Khánh Phúc Quý Hoàng Kim Ngọc Cẩm Hồng Lạc Gia Văn Võ "
              "Định Tiến Hậu Tiền Châu Điền Linh Hương Trà Mai Tùng Trường Vạn Thiện Đại Tiểu "
              "Thượng Hạ Cao Kỳ Diên Khê Đồng Lương Hội Quảng Chánh Nhơn Hiếu Trạch Tịnh Liên "
              "Sen Tràng Bàu Cầu Bến Cái Rạch Vàm Gò Cồn Hòn Mường Nà Pác Nậm Phìn Tả Xín").split()
LV_LOCAL_KINDS = (("xã", 6), ("phường", 5), ("thị trấn", 2), ("huyện", 3), ("quận", 2),
                  ("thị xã", 1), ("thôn", 3), ("ấp", 2), ("bản", 1.5), ("khu phố", 1.5),
                  ("làng", 1), ("xóm", 1), ("khu công nghiệp", 0.8), ("cụm công nghiệp", 0.4))
WEST_FIRST = ("John Michael David James Robert William Richard Thomas Mark Paul Steven Andrew "
              "Peter George Daniel Kevin Brian Jason Matthew Eric Stephen Emmanuel Olaf Antonio "
              "Pedro Carlos Luis Jean Pierre Hans Klaus Anders Lars Mary Jennifer Linda "
              "Elizabeth Susan Sarah Karen Nancy Lisa Emily Anna Laura Julia Sophie Claire "
              "Ursula Giorgia Kamala Rishi Justin Anthony Jake Lloyd Janet Gina Katherine").split()
WEST_PRE = ("Ander Bel Black Brad Car Craw Dal Dun El Fair Fitz Gar Gold Gra Ham Har Hol Jef "
            "Ken Kings Lam Lind Mac Mar Mor New Nor Pem Red Ros Sal Sher Stan Stock Thorn Tur "
            "Wal West Whit Wil Win Wood Al Bren Cal Dor Ev Fal Gal Hen Ives Kel").split()
WEST_SUF = ("- ton son ley man ford field well wood ridge stone worth by er ard ing ner ham "
            "sen berg stein mann ello etti ez es ova ski quist ins ett ock").split()
RU_FIRST = "Vladimir Sergei Dmitry Alexei Mikhail Andrei Nikolai Ivan Yuri Oleg Anna Maria Olga Elena Natalia Tatiana".split()
RU_STEM = "Lavr Petr Ivan Smirn Kuzn Pop Sokol Lebed Koz Novik Morozov Volk Zakhar Belous Grom Medved Orl Shoig Peskov Ryab".split()
RU_SUF = "ov ev in sky enko ova eva ich".split()
JP_MORA = ("a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu "
           "he ho ma mi mu me mo ya yu yo ra ri ru re ro wa ga gi go za ji zu da do ba bu be "
           "bo ka ta ya to mo").split()
KR_SURNAME = "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Moon Yoo".split()
KR_GIVEN = ("Min Ji Seo Hyun Woo Jae Soo Young Jin Hye Eun Sung Ho Joon Kyung Yeon Hee Won "
            "Chul Dong Tae Sang Yong Hwan In Suk Yeol Myung Bin Ha").split()
CN_SURNAME = ("Tập Lý Vương Trương Lưu Triệu Tôn Hứa Mã Hàn Dương Tiêu Quách Bạch Diệp Khổng "
              "Mạnh Tạ Thẩm Tưởng Ôn Hồ Giang Chu Đặng").split()
FOREIGN_TITLES = ("ông bà Tổng_thống Thủ_tướng Ngoại_trưởng Bộ_trưởng Giám_đốc_điều_hành "
                  "nhà_nghiên_cứu giáo_sư tiến_sĩ phát_ngôn_viên Đại_sứ Chủ_tịch").split()
PLACE_PRE = ("Spring Oak Maple River Green Lake North South East West Port Fort Mount San Santa "
             "Saint New Bad Le La El Kings Queens Rock Silver Stone Bay Glen").split()
PLACE_SUF = ("- ville burg ton field port haven dale shire grad sk abad pur stan wood vale "
             "mouth ford bridge ia a o").split()
COMPANY_KINDS = (("Công ty TNHH", 5), ("Công ty Cổ phần", 5), ("Công ty TNHH MTV", 2),
                 ("Tập đoàn", 2), ("Tổng công ty", 1), ("Hợp tác xã", 1),
                 ("Ngân hàng TMCP", 1), ("Quỹ đầu tư", 0.5), ("Công ty", 3))
COMPANY_FIELDS = ("Thương mại;Dịch vụ;Đầu tư;Xây dựng;Công nghệ;Sản xuất;Xuất nhập khẩu;"
                  "Vận tải;Bất động sản;Năng lượng;Phần mềm;Giải pháp số;Truyền thông;"
                  "Thực phẩm;Dược phẩm;Môi trường;Cơ khí;Điện tử;Viễn thông;Du lịch;Logistics;"
                  "Nông nghiệp công nghệ cao;Thiết bị y tế;An ninh mạng;Hàng không").split(";")
BRAND_PRE = ("Vina Viet Sai Ha Tech Smart Data Net Cloud Mega Giga Nano Eco Green Blue Sun Star "
             "Alpha Omega Nova Viva Opti Intel Cyber Info Digi Hi Pro Max Uni Tele Trans Bio "
             "Medi Agri Auto Ever Fin Pay Go").split()
BRAND_SUF = ("soft tech pay mart link net com go hub lab logic sys ware care land corp x ify ly "
             "io ex on ra va ma vn").split()
LATIN_WORDS = """
smartphone laptop tablet server cloud online offline website app update firmware software
hardware malware phishing password login logout admin backup router wifi bluetooth chip
startup fintech blockchain chatbot AI big data IoT 5G API open source cookie browser plugin
hacker dark web ransomware spyware botnet exploit payload patch zero day DDoS firewall
endpoint dashboard e-commerce marketing livestream influencer KOL trend viral fanpage
group post share like comment follower content creator streamer gaming esports game
online shop voucher flash sale deal freeship COD ship shipper order booking check-in
smartwatch headphone camera drone robot sensor GPS satellite rocket launch orbit payload
mission lander rover module booster capsule telescope summit forum meeting keynote
roadmap deadline team leader CEO CFO CTO founder manager staff intern freelancer
remote hybrid workshop webinar seminar training coaching mentor partner sponsor
iPhone iPad MacBook Galaxy Pixel Android iOS Windows Linux macOS Chrome Safari Firefox
Zalo Facebook TikTok YouTube Instagram Telegram WhatsApp Messenger Shopee Lazada Tiki
Grab Gojek Be Momo ZaloPay VNPay ShopeePay Netflix Spotify Amazon Google Microsoft Apple
Meta Samsung Xiaomi Oppo Vivo Huawei Nvidia Intel AMD Qualcomm Tesla SpaceX Starlink
OpenAI ChatGPT Gemini Copilot Kaspersky Bkav Viettel VNPT FPT MobiFone Vinamilk VinFast
""".split()
LV_UNITS = (("tỷ đồng", 6), ("triệu đồng", 5), ("nghìn tỷ đồng", 2), ("USD", 3),
            ("triệu USD", 3), ("tỷ USD", 2), ("EUR", 0.5), ("MW", 1.5), ("kW", 0.5),
            ("kWh", 1), ("GW", 0.5), ("km", 3), ("km/h", 1.5), ("km/s", 0.5), ("m", 2),
            ("cm", 0.5), ("mm", 1), ("ha", 2), ("m2", 1), ("m3", 0.5), ("tấn", 3), ("kg", 1.5),
            ("lít", 1), ("GB", 1), ("TB", 0.5), ("MB", 0.3), ("Mbps", 0.5), ("GHz", 0.3),
            ("°C", 1.5), ("người", 3), ("ca", 1), ("vụ", 1.5), ("lượt", 1.5), ("căn hộ", 0.5),
            ("chiếc", 1), ("trường hợp", 1.5), ("hộ dân", 1), ("đơn vị", 1))
DOC_TYPES = "QĐ NĐ TT CV CT KH TB BC NQ HD TTr".split()
DOC_ISSUERS = ("UBND CP BTC BCA BTTTT TTg NHNN BYT BGDĐT BKHCN BQP BCT HĐND SYT STTTT BNV "
               "BXD BGTVT BTNMT VPCP TANDTC VKSNDTC").split()
SERIAL_PRE = "SN HĐ MS PO INV REQ TK BB GCN HS".split()
POLICE_UNITS = "A05 A02 C50 K02 PA05 PC02 PA03 C01 A04 K01".split()
DOMAINS = ".vn .com.vn .com .net .gov.vn .org .edu.vn .io".split()

# Placeholders of the large-vocabulary mode.
(FOREIGN, LOCAL, FPLACE, COMPANY, MEASURE, CODE, CVE, LATIN, BRAND) = (
    "\x00F", "\x00W", "\x00X", "\x00K", "\x00U", "\x00Q", "\x00Z", "\x00E", "\x00B")


def cumulated(pool):
    """(items, weights) -> (items, cumulative weights), for random.choices(cum_weights=...)."""
    items, weights = pool
    return list(items), list(itertools.accumulate(weights))


def weighted(pairs):
    """[(item, weight)] -> (items, cumulative weights)."""
    return cumulated(([p[0] for p in pairs], [p[1] for p in pairs]))


class LargeVocabGenerator(Generator):
    """The generator with the long tail of real news mixed in (see above)."""

    # Share of each long-tail part in a topic's pool, next to the small corpus's parts
    # (function words 0.35, general 0.31, everyday 0.08, topic 0.14, specials 0.09, the other
    # topics 0.03), and per-topic extras.
    LEXICON_SHARE = 0.075
    TAIL = [(FOREIGN, 0.8), (LOCAL, 1.0), (FPLACE, 0.3), (COMPANY, 0.6), (MEASURE, 1.2),
            (CODE, 0.6), (LATIN, 1.2), (BRAND, 0.4)]
    TAIL_SHARE = 0.045
    TOPIC_TAIL = {
        "cybersecurity": [(CVE, 1.0), (LATIN, 1.0), (CODE, 0.6)],
        "summits": [(FOREIGN, 1.5), (FPLACE, 0.6)],
        "space": [(FOREIGN, 0.6), (MEASURE, 0.8), (LATIN, 0.4)],
        "other:economy": [(COMPANY, 1.2), (MEASURE, 0.8)],
        "other:traffic": [(LOCAL, 1.0), (MEASURE, 0.5)],
        "other:weather": [(LOCAL, 1.2), (MEASURE, 0.6)],
    }
    TOPIC_TAIL_SHARE = 0.01
    TYPO = 0.012           # share of plain words written with a typo
    BARE_WORD = 0.01       # share of plain words typed without diacritics
    BARE_SENTENCE = 0.015  # share of sentences typed without diacritics
    LEXICON_SIZE = 40000

    def __init__(self):
        super().__init__()
        rng = random.Random("newsline-bench:large:vocabulary")
        self.syllables = lv_syllables()
        syl_items, syl_cum = cumulated(zipf(self.syllables, 0.9))
        # The lexicon: words of 1-4 syllables from the inventory, Zipf-weighted.
        lex = {}
        while len(lex) < self.LEXICON_SIZE:
            n = rng.choices((1, 2, 3, 4), (0.2, 0.55, 0.2, 0.05))[0]
            w = " ".join(rng.choices(syl_items, cum_weights=syl_cum, k=n))
            lex.setdefault(w, None)
        self.lexicon = zipf(list(lex), 1.0)
        self.syl_items, self.syl_cum = syl_items, syl_cum
        # Rare syllables for names: the inventory beyond its 300 most frequent.
        self.name_syllables = [cap(s) for s in syl_items[300:6000]]
        self.surnames = cumulated(zipf([s.replace("_", " ") for s in LV_SURNAMES], 1.2))
        self.middles = cumulated(zipf(LV_MIDDLES, 0.8))
        self.givens = cumulated(zipf(GIVENS + PLACE_SYLL, 0.7))
        self.local_kinds = weighted(LV_LOCAL_KINDS)
        self.company_kinds = weighted(COMPANY_KINDS)
        self.units = weighted(LV_UNITS)
        self.latin = cumulated(zipf(LATIN_WORDS, 0.9, random.Random("newsline-bench:large:latin")))
        self.brands = cumulated(zipf([a + b for a in BRAND_PRE for b in BRAND_SUF], 1.0,
                                    random.Random("newsline-bench:large:brands")))
        self.foreign_titles = [t.replace("_", " ") for t in FOREIGN_TITLES]
        tail_items, tail_w = zip(*self.TAIL)
        for key in self.pools:
            extra = self.TOPIC_TAIL.get(key, [])
            parts = [(self.LEXICON_SHARE,) + self.lexicon,
                     (self.TAIL_SHARE, list(tail_items), list(tail_w))]
            if extra:
                parts.append((self.TOPIC_TAIL_SHARE, [e[0] for e in extra], [e[1] for e in extra]))
            self.pools[key] = self.extend(self.pools[key], parts)
            self.title_pools[key] = self.extend(
                self.title_pools[key], [(self.LEXICON_SHARE / 2,) + self.lexicon,
                                        (self.TAIL_SHARE, list(tail_items), list(tail_w))])

    @staticmethod
    def extend(pool, parts):
        items, cum = pool
        extra_items, extra_cum = mixture(parts)
        base = cum[-1]
        return items + extra_items, cum + [base + c for c in extra_cum]

    def pick(self, rng, pool):
        return rng.choices(pool[0], cum_weights=pool[1])[0]

    def rare_syllable(self, rng):
        return rng.choice(self.name_syllables)

    # -- long-tail placeholders ---------------------------------------------------------------
    def person(self, rng):
        r = rng.random()
        name = [self.pick(rng, self.surnames), self.pick(rng, self.middles)]
        if r < 0.15:
            name.append(self.pick(rng, self.middles))
        given = self.pick(rng, self.givens) if rng.random() < 0.75 else self.rare_syllable(rng)
        name.append(given)
        if rng.random() < 0.12:
            name.append(self.pick(rng, self.givens))  # a two-syllable given name
        text = " ".join(name)
        if rng.random() < 0.5:
            text = rng.choice(TITLES_W) + " " + text
        return text

    def foreign(self, rng):
        r = rng.random()
        if r < 0.4:
            suf = rng.choice(WEST_SUF)
            last = rng.choice(WEST_PRE) + ("" if suf == "-" else suf)
            name = "%s %s" % (rng.choice(WEST_FIRST), last)
        elif r < 0.6:
            given = " ".join(self.rare_syllable(rng) if rng.random() < 0.5 else
                             rng.choice(PLACE_SYLL) for _ in range(rng.randint(1, 2)))
            name = "%s %s" % (rng.choice(CN_SURNAME), given)
        elif r < 0.75:
            family = "".join(rng.choice(JP_MORA) for _ in range(rng.randint(2, 4)))
            given = "".join(rng.choice(JP_MORA) for _ in range(rng.randint(2, 3)))
            name = "%s %s" % (cap(family), cap(given))
        elif r < 0.9:
            a, b = rng.choice(KR_GIVEN), rng.choice(KR_GIVEN).lower()
            name = "%s %s%s%s" % (rng.choice(KR_SURNAME), a, "-" if rng.random() < 0.5 else " ", b)
        else:
            last = rng.choice(RU_STEM) + rng.choice(RU_SUF)
            name = "%s %s" % (rng.choice(RU_FIRST), last)
        if rng.random() < 0.4:
            name = rng.choice(self.foreign_titles) + " " + name
        return name

    def local(self, rng):
        kind = self.pick(rng, self.local_kinds)
        if rng.random() < 0.1:
            return "%s %d" % (kind, rng.randint(1, 30))
        first = self.rare_syllable(rng) if rng.random() < 0.25 else rng.choice(PLACE_SYLL)
        name = "%s %s %s" % (kind, first, rng.choice(PLACE_SYLL))
        if rng.random() < 0.3:
            name += ", %s" % rng.choice(PLACES_W)
        return name

    def foreign_place(self, rng):
        suf = rng.choice(PLACE_SUF)
        base = rng.choice(WEST_PRE) + ("" if suf == "-" else suf)
        if rng.random() < 0.3:
            return "%s %s" % (rng.choice(PLACE_PRE), base)
        return base

    def company(self, rng):
        parts = [self.pick(rng, self.company_kinds)]
        for _ in range(rng.choice((0, 1, 1, 2))):
            parts.append(rng.choice(COMPANY_FIELDS))
        if rng.random() < 0.5:
            parts.append("%s %s" % (rng.choice(PLACE_SYLL), rng.choice(PLACE_SYLL)))
        else:
            parts.append(self.pick(rng, self.brands))
        if rng.random() < 0.15:
            parts.append(rng.choice(("Việt Nam", "JSC", "Group", "Holdings", "Miền Nam")))
        return " ".join(parts)

    def measure(self, rng):
        r = rng.random()
        if r < 0.45:
            num = str(rng.randint(2, 999))
        elif r < 0.75:
            num = "%d,%d" % (rng.randint(1, 99), rng.randint(1, 9))
        else:
            num = "%d.%03d" % (rng.randint(1, 99), rng.randint(0, 999))
        return "%s %s" % (num, self.pick(rng, self.units))

    def code(self, rng):
        r = rng.random()
        if r < 0.25:
            return "số %d/%s-%s" % (rng.randint(1, 3999), rng.choice(DOC_TYPES),
                                    rng.choice(DOC_ISSUERS))
        if r < 0.35:
            return "%s-%d-%04d" % (rng.choice(SERIAL_PRE), rng.randint(2015, 2026),
                                   rng.randint(1, 9999))
        if r < 0.45:
            return "Phòng %s" % rng.choice(POLICE_UNITS)
        if r < 0.7:
            # An acronym: the initials of a few syllables ("BQLDA").
            k = rng.randint(2, 5)
            sy = rng.choices(self.syl_items, cum_weights=self.syl_cum, k=k)
            return "".join(strip_diacritics(s)[0].upper() for s in sy)
        if r < 0.85:
            # A hashtag of a few syllables typed together.
            k = rng.randint(2, 3)
            sy = rng.choices(self.syl_items, cum_weights=self.syl_cum, k=k)
            return "#" + "".join(cap(strip_diacritics(s)) for s in sy)
        if r < 0.95:
            return (self.pick(rng, self.brands).lower() + rng.choice(DOMAINS))
        return "%s %s%d" % (self.pick(rng, self.brands), rng.choice("XSGAZ"), rng.randint(2, 99))

    def cve(self, rng):
        r = rng.random()
        if r < 0.7:
            return "CVE-%d-%d" % (rng.randint(2015, 2026), rng.randint(1000, 49999))
        if r < 0.85:
            return "%d.%d.%d.%d" % (rng.randint(1, 223), rng.randint(0, 255), rng.randint(0, 255),
                                    rng.randint(1, 254))
        return "%s.%s" % (self.pick(rng, self.brands).lower(), rng.choice(("exe", "dll", "apk", "zip", "js")))

    def expand(self, rng, tok):
        if tok == PERSON:
            return self.person(rng)
        if tok == FOREIGN:
            return self.foreign(rng)
        if tok == LOCAL:
            return self.local(rng)
        if tok == FPLACE:
            return self.foreign_place(rng)
        if tok == COMPANY:
            return self.company(rng)
        if tok == MEASURE:
            return self.measure(rng)
        if tok == CODE:
            return self.code(rng)
        if tok == CVE:
            return self.cve(rng)
        if tok == LATIN:
            return self.pick(rng, self.latin)
        if tok == BRAND:
            return self.pick(rng, self.brands)
        return super().expand(rng, tok)

    # -- noise ----------------------------------------------------------------------------------
    def typo(self, rng, word):
        """`word` with one letter of one syllable dropped, or two neighbours swapped."""
        syls = word.split(" ")
        i = rng.randrange(len(syls))
        s = syls[i]
        if len(s) < 3:
            return word
        j = rng.randrange(len(s) - 1)
        if rng.random() < 0.5:
            s = s[:j] + s[j + 1:]
        else:
            s = s[:j] + s[j + 1] + s[j] + s[j + 2:]
        syls[i] = unicodedata.normalize("NFC", s)
        return " ".join(syls)

    def sentence(self, rng, pool, n, quote=True):
        items, cum = pool
        toks = rng.choices(items, cum_weights=cum, k=n)
        out = []
        for i, t in enumerate(toks):
            if t[0] == "\x00":
                t = self.expand(rng, t)
            else:
                r = rng.random()
                if r < self.TYPO:
                    t = self.typo(rng, t)
                elif r < self.TYPO + self.BARE_WORD:
                    t = strip_diacritics(t)
            out.append(t)
            if 2 < i < n - 2 and rng.random() < 0.07:
                out[-1] += ","
        s = " ".join(out)
        s = s[0].upper() + s[1:]
        if rng.random() < self.BARE_SENTENCE:
            s = strip_diacritics(s)
        r = rng.random()
        if quote and r < 0.12:
            speaker = self.expand(rng, PERSON if rng.random() < 0.8 else FOREIGN)
            return '%s %s: "%s."' % (cap(speaker), rng.choice(SPEECH_W), s)
        return s + ("." if r < 0.97 else "!")


# ---------------------------------------------------------------------------------------------
# Distinct n-grams, counted the way newsline tokenises: NFC, lower case, diacritics removed and
# đ -> d; a syllable is a run of letters and digits; any other character but white space breaks
# n-grams, and so does a syllable holding a digit, which is dropped.

_COUNT_BREAK = re.compile(r"[^\w\s]|_|\w*\d\w*")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class NgramCounter:
    def __init__(self):
        self.unigrams = set()
        self.bigrams = set()

    def add(self, text):
        folded = unicodedata.normalize("NFC", text).lower()
        folded = _COMBINING.sub("", unicodedata.normalize("NFD", folded)).replace("đ", "d")
        uni, bi = self.unigrams, self.bigrams
        for segment in _COUNT_BREAK.split(folded):
            syl = segment.split()
            if syl:
                uni.update(syl)
                if len(syl) > 1:
                    bi.update([a + " " + b for a, b in zip(syl, syl[1:])])


def write_side(gen, path, n, seed, side, counter=None):
    rng = random.Random("newsline-bench:%s:%s" % (seed, side))
    cum = []
    total = 0.0
    for s in LABEL_SHARE:
        total += s
        cum.append(total)
    nbytes = 0
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for i in range(n):
            label = rng.choices(LABELS, cum_weights=cum)[0]
            title, text = gen.document(rng, label)
            if counter is not None:
                counter.add(title)
                counter.add(text)
            line = json.dumps({"id": "%s-%06d" % (side, i + 1), "title": title, "text": text,
                               "label": label}, ensure_ascii=False)
            f.write(line)
            f.write("\n")
            nbytes += len(line.encode("utf-8")) + 1
    os.replace(tmp, path)
    return nbytes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20000, help="training articles (default 20000)")
    ap.add_argument("--test-docs", type=int, default=None,
                    help="test articles (default: as many as --docs; 0 writes no test.jsonl)")
    ap.add_argument("--seed", default="1", help="seed (any string; default 1)")
    ap.add_argument("--out", required=True, help="output folder (created if missing)")
    ap.add_argument("--large-vocab", action="store_true",
                    help="mix in the long tail of real news (rare syllables, names, numbers with"
                         " units, codes, Latin-script words, typos): about 25x the distinct"
                         " unigrams and twice the bigrams")
    ap.add_argument("--no-count", dest="count", action="store_false",
                    help="skip counting distinct unigrams and bigrams (saves time and memory on"
                         " very large corpora)")
    args = ap.parse_args(argv)
    if args.docs < 0 or (args.test_docs is not None and args.test_docs < 0):
        ap.error("document counts must be >= 0")
    test_docs = args.docs if args.test_docs is None else args.test_docs
    os.makedirs(args.out, exist_ok=True)
    gen = LargeVocabGenerator() if args.large_vocab else Generator()
    counts = {"large_vocab": args.large_vocab, "seed": args.seed}
    for side, n in (("train", args.docs), ("test", test_docs)):
        if n == 0 and side == "test":
            continue
        path = os.path.join(args.out, side + ".jsonl")
        counter = NgramCounter() if args.count else None
        nbytes = write_side(gen, path, n, args.seed, side, counter)
        print("gen_corpus: wrote %s: %d articles, %.1f MB" % (path, n, nbytes / 1e6),
              file=sys.stderr)
        counts[side] = {"docs": n, "bytes": nbytes}
        if counter is not None:
            uni, bi = len(counter.unigrams), len(counter.bigrams)
            counts[side].update(unigrams=uni, bigrams=bi)
            del counter
    if args.count:
        for side in ("train", "test"):
            if "unigrams" in counts.get(side, {}):
                c = counts[side]
                print("gen_corpus: %s: %d distinct unigrams + %d distinct bigrams = %d"
                      " (newsline's tokens: folded syllables, digits dropped)"
                      % (side, c["unigrams"], c["bigrams"], c["unigrams"] + c["bigrams"]),
                      file=sys.stderr)
        with open(os.path.join(args.out, "counts.json"), "w", encoding="utf-8") as f:
            json.dump(counts, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
