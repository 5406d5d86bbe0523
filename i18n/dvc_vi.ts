<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
    <context>
        <name>AttachmentRow</name>
        <message>
            <source>Required</source>
            <translation>Bắt buộc</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Không bắt buộc</translation>
        </message>
        <message>
            <source>No file chosen — drop a file here or choose one</source>
            <translation>Chưa có tệp — kéo thả tệp vào đây hoặc bấm chọn tệp</translation>
        </message>
        <message>
            <source>Choose file…</source>
            <translation>Chọn tệp…</translation>
        </message>
        <message>
            <source>Choose file for {0}</source>
            <translation>Chọn tệp cho {0}</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Gỡ bỏ</translation>
        </message>
        <message>
            <source>Remove file for {0}</source>
            <translation>Gỡ tệp của {0}</translation>
        </message>
        <message>
            <source>✓ {0} ({1})</source>
            <translation>✓ {0} ({1})</translation>
        </message>
        <message>
            <source>Choose another…</source>
            <translation>Chọn tệp khác…</translation>
        </message>
    </context>
    <context>
        <name>AttachmentsPage</name>
        <message>
            <source>Attach the dossier documents</source>
            <translation>Đính kèm thành phần hồ sơ</translation>
        </message>
        <message>
            <source>Attach a scan or a photo of each document: PDF, JPEG or PNG, at most {0} per file. Files are checked by their content, not by their name.</source>
            <translation>Đính kèm bản quét hoặc ảnh chụp của từng giấy tờ: PDF, JPEG hoặc PNG, mỗi tệp tối đa {0}. Tệp được kiểm tra theo nội dung, không theo tên tệp.</translation>
        </message>
        <message>
            <source>Choose a scan or photo</source>
            <translation>Chọn bản quét hoặc ảnh chụp</translation>
        </message>
        <message>
            <source>Scans and photos (*.pdf *.jpg *.jpeg *.png);;All files (*)</source>
            <translation>Bản quét và ảnh chụp (*.pdf *.jpg *.jpeg *.png);;Tất cả các tệp (*)</translation>
        </message>
    </context>
    <context>
        <name>ConfirmationPage</name>
        <message>
            <source>Dossier saved</source>
            <translation>Đã lưu hồ sơ</translation>
        </message>
        <message>
            <source>Reference on this computer</source>
            <translation>Mã tham chiếu trên máy</translation>
        </message>
        <message>
            <source>What happens next</source>
            <translation>Các bước tiếp theo</translation>
        </message>
        <message>
            <source>State: {0}</source>
            <translation>Trạng thái: {0}</translation>
        </message>
        <message>
            <source>Dossier code: {0}</source>
            <translation>Mã hồ sơ: {0}</translation>
        </message>
        <message>
            <source>Portal status: {0}</source>
            <translation>Tình trạng trên cổng: {0}</translation>
        </message>
        <message>
            <source>at the one-stop counter of the {0}</source>
            <translation>tại Bộ phận Một cửa của {0}</translation>
        </message>
        <message>
            <source>by public post (bưu chính công ích)</source>
            <translation>qua dịch vụ bưu chính công ích</translation>
        </message>
        <message>
            <source>online, as an electronic copy</source>
            <translation>trực tuyến, dưới dạng bản điện tử</translation>
        </message>
        <message>
            <source>The dossier is kept safely on this computer and is sent to the portal automatically as soon as the network allows. Keep the reference &lt;b&gt;{0}&lt;/b&gt; to ask about it.</source>
            <translation>Hồ sơ được lưu an toàn trên máy này và tự động gửi lên cổng dịch vụ công ngay khi có mạng. Hãy giữ mã tham chiếu &lt;b&gt;{0}&lt;/b&gt; để hỏi về hồ sơ.</translation>
        </message>
        <message>
            <source>When the portal receives it, it gives the official dossier code, shown here and in “Dossiers on this computer”.</source>
            <translation>Khi cổng nhận hồ sơ, cổng cấp mã hồ sơ chính thức; mã này hiện ở đây và trong mục “Hồ sơ trên máy”.</translation>
        </message>
        <message>
            <source>Time limit: {0}.</source>
            <translation>Thời hạn giải quyết: {0}.</translation>
        </message>
        <message>
            <source>Fee: {0}.</source>
            <translation>Lệ phí: {0}.</translation>
        </message>
        <message>
            <source>The result can be collected {0}.</source>
            <translation>Nhận kết quả {0}.</translation>
        </message>
        <message>
            <source>The fee is set by the province and may have changed: check it at the counter.</source>
            <translation>Mức lệ phí do tỉnh quy định và có thể đã thay đổi: hãy hỏi lại tại Bộ phận Một cửa.</translation>
        </message>
    </context>
    <context>
        <name>DossierDetails</name>
        <message>
            <source>Choose a dossier in the list to see its details.</source>
            <translation>Chọn một hồ sơ trong danh sách để xem chi tiết.</translation>
        </message>
        <message>
            <source>Receive (officer)</source>
            <translation>Tiếp nhận</translation>
        </message>
        <message>
            <source>Sandbox portal: receive this dossier as the commune officer would</source>
            <translation>Cổng thử nghiệm: tiếp nhận hồ sơ này như công chức xã</translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>Gửi lại</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>Người yêu cầu</translation>
        </message>
        <message>
            <source>State on this computer</source>
            <translation>Trạng thái trên máy</translation>
        </message>
        <message>
            <source>Dossier code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>not yet given</source>
            <translation>chưa có</translation>
        </message>
        <message>
            <source>Portal status</source>
            <translation>Tình trạng trên cổng</translation>
        </message>
        <message>
            <source>not yet known</source>
            <translation>chưa có</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Hẹn trả kết quả</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Giấy tờ đính kèm</translation>
        </message>
        <message>
            <source>Status history</source>
            <translation>Lịch sử tình trạng</translation>
        </message>
        <message>
            <source>Last problem: {0}</source>
            <translation>Lỗi gần nhất: {0}</translation>
        </message>
    </context>
    <context>
        <name>DossierListView</name>
        <message>
            <source>Dossiers on this computer</source>
            <translation>Hồ sơ trên máy</translation>
        </message>
        <message>
            <source>{0} dossier(s)</source>
            <translation>{0} hồ sơ</translation>
        </message>
    </context>
    <context>
        <name>DossierTableModel</name>
        <message>
            <source>Reference</source>
            <translation>Mã tham chiếu</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>Người yêu cầu</translation>
        </message>
        <message>
            <source>State on this computer</source>
            <translation>Trạng thái trên máy</translation>
        </message>
        <message>
            <source>Dossier code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>Portal status</source>
            <translation>Tình trạng trên cổng</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Cập nhật</translation>
        </message>
    </context>
    <context>
        <name>DossierWizard</name>
        <message>
            <source>‹ Back</source>
            <translation>‹ Quay lại</translation>
        </message>
        <message>
            <source>Back to the previous step (Alt+Left); answers are kept</source>
            <translation>Về bước trước (Alt+←); thông tin đã nhập được giữ nguyên</translation>
        </message>
        <message>
            <source>Continue</source>
            <translation>Tiếp tục</translation>
        </message>
        <message>
            <source>Ctrl+Enter</source>
            <translation>Ctrl+Enter</translation>
        </message>
        <message>
            <source>File a new dossier</source>
            <translation>Nộp hồ sơ mới</translation>
        </message>
        <message>
            <source>The person making the request</source>
            <translation>Người yêu cầu</translation>
        </message>
        <message>
            <source>Who is filing the dossier. Details on the chip ID card are enough; the portal does not ask for them again.</source>
            <translation>Người đứng ra nộp hồ sơ. Chỉ cần thông tin trên thẻ căn cước gắn chip; cổng không hỏi lại những thông tin này.</translation>
        </message>
        <message>
            <source>Choose the procedure</source>
            <translation>Chọn thủ tục</translation>
        </message>
        <message>
            <source>Fill in the declaration</source>
            <translation>Điền tờ khai</translation>
        </message>
        <message>
            <source>Attach documents</source>
            <translation>Đính kèm giấy tờ</translation>
        </message>
        <message>
            <source>Check and send</source>
            <translation>Kiểm tra và gửi</translation>
        </message>
        <message>
            <source>Check your answers</source>
            <translation>Kiểm tra thông tin</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>Hoàn tất</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Hoàn tất</translation>
        </message>
        <message>
            <source>Step {0} of {1}</source>
            <translation>Bước {0}/{1}</translation>
        </message>
        <message>
            <source>Save and send</source>
            <translation>Lưu và gửi hồ sơ</translation>
        </message>
        <message>
            <source>Starting up, please wait…</source>
            <translation>Đang khởi động, vui lòng chờ…</translation>
        </message>
        <message>
            <source>Back to the check page</source>
            <translation>Về trang kiểm tra</translation>
        </message>
        <message>
            <source>Choose a procedure from the list. Try another word if nothing is found.</source>
            <translation>Hãy chọn một thủ tục trong danh sách. Nếu không thấy, hãy thử từ khác.</translation>
        </message>
        <message>
            <source>Starting up, please wait a moment and choose the file again.</source>
            <translation>Đang khởi động, vui lòng chờ giây lát rồi chọn lại tệp.</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã thủ tục</translation>
        </message>
        <message>
            <source>No file attached</source>
            <translation>Không đính kèm</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Giấy tờ đính kèm</translation>
        </message>
        <message>
            <source>The dossier could not be saved on this computer: {0}</source>
            <translation>Không lưu được hồ sơ trên máy: {0}</translation>
        </message>
    </context>
    <context>
        <name>ErrorSummary</name>
        <message>
            <source>There is a problem</source>
            <translation>Có lỗi cần sửa</translation>
        </message>
    </context>
    <context>
        <name>FieldRow</name>
        <message>
            <source>{0} (optional)</source>
            <translation>{0} (không bắt buộc)</translation>
        </message>
        <message>
            <source>Day/month/year, for example 05/03/2024</source>
            <translation>Ngày/tháng/năm, ví dụ 05/03/2024</translation>
        </message>
        <message>
            <source>Four digits, for example 1995</source>
            <translation>Bốn chữ số, ví dụ 1995</translation>
        </message>
        <message>
            <source>12 digits on the chip ID card (old ID card: 9 digits)</source>
            <translation>12 chữ số trên thẻ căn cước (CMND cũ: 9 chữ số)</translation>
        </message>
        <message>
            <source>Mobile number, for example 0912345678</source>
            <translation>Số di động, ví dụ 0912345678</translation>
        </message>
        <message>
            <source>For example name@example.vn</source>
            <translation>Ví dụ ten@example.vn</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Có</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Không</translation>
        </message>
        <message>
            <source>— Choose —</source>
            <translation>— Chọn —</translation>
        </message>
        <message>
            <source>dd/mm/yyyy</source>
            <translation>ngày/tháng/năm</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Public Service Assistant</source>
            <translation>Trợ lý Dịch vụ công</translation>
        </message>
        <message>
            <source>TRAINING ENVIRONMENT — demo data, nothing is really filed</source>
            <translation>MÔI TRƯỜNG ĐÀO TẠO — dữ liệu mẫu, không nộp hồ sơ thật</translation>
        </message>
        <message>
            <source>File a dossier</source>
            <translation>Nộp hồ sơ</translation>
        </message>
        <message>
            <source>Dossiers on this computer</source>
            <translation>Hồ sơ trên máy</translation>
        </message>
        <message>
            <source>Starting the local database and the portal connection…</source>
            <translation>Đang mở dữ liệu trên máy và kết nối cổng dịch vụ công…</translation>
        </message>
        <message>
            <source>Not signed in yet</source>
            <translation>Chưa đăng nhập</translation>
        </message>
        <message>
            <source>Send now</source>
            <translation>Gửi ngay</translation>
        </message>
        <message>
            <source>Send waiting dossiers and fetch new statuses (F5)</source>
            <translation>Gửi các hồ sơ đang chờ và lấy tình trạng mới (F5)</translation>
        </message>
        <message>
            <source>&amp;Dossier</source>
            <translation>&amp;Hồ sơ</translation>
        </message>
        <message>
            <source>&amp;New dossier</source>
            <translation>Hồ sơ &amp;mới</translation>
        </message>
        <message>
            <source>&amp;Send now</source>
            <translation>&amp;Gửi ngay</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Thoát</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Xem</translation>
        </message>
        <message>
            <source>&amp;File a dossier</source>
            <translation>&amp;Nộp hồ sơ</translation>
        </message>
        <message>
            <source>&amp;Dossiers on this computer</source>
            <translation>Hồ sơ trên &amp;máy</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Trợ &amp;giúp</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Phím tắt</translation>
        </message>
        <message>
            <source>Ready.</source>
            <translation>Sẵn sàng.</translation>
        </message>
        <message>
            <source>Cannot start</source>
            <translation>Không khởi động được</translation>
        </message>
        <message>
            <source>The local data could not be opened: {0}</source>
            <translation>Không mở được dữ liệu trên máy: {0}</translation>
        </message>
        <message>
            <source>{0} — {1}</source>
            <translation>{0} — {1}</translation>
        </message>
        <message>
            <source>Dossiers on this computer ({0})</source>
            <translation>Hồ sơ trên máy ({0})</translation>
        </message>
        <message>
            <source>Could not read the local list: {0}</source>
            <translation>Không đọc được danh sách hồ sơ trên máy: {0}</translation>
        </message>
        <message>
            <source>Sending “receive” to the portal…</source>
            <translation>Đang gửi thao tác “Tiếp nhận” lên cổng…</translation>
        </message>
        <message>
            <source>The portal accepted the action; fetching the new status…</source>
            <translation>Cổng đã ghi nhận thao tác; đang lấy tình trạng mới…</translation>
        </message>
        <message>
            <source>the dossier is now “{0}” on the portal</source>
            <translation>trên cổng, hồ sơ hiện đã ở tình trạng “{0}”</translation>
        </message>
        <message>
            <source>The action failed: {0}</source>
            <translation>Thao tác không thành công: {0}</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Phím tắt</translation>
        </message>
        <message>
            <source>Ctrl+N  new dossier
Ctrl+Enter  continue / send
Alt+Left  back
F5  send now
Ctrl+1  file a dossier
Ctrl+2  dossiers on this computer
Ctrl+Q  quit</source>
            <translation>Ctrl+N  hồ sơ mới
Ctrl+Enter  tiếp tục / gửi
Alt+←  quay lại
F5  gửi ngay
Ctrl+1  nộp hồ sơ
Ctrl+2  hồ sơ trên máy
Ctrl+Q  thoát</translation>
        </message>
    </context>
    <context>
        <name>ProcedurePage</name>
        <message>
            <source>Which procedure do you need?</source>
            <translation>Bạn cần làm thủ tục nào?</translation>
        </message>
        <message>
            <source>Search by name, code or everyday words, with or without diacritics (for example: khai sinh).</source>
            <translation>Tìm theo tên, mã thủ tục hoặc cách nói thông thường, có dấu hay không dấu đều được (ví dụ: khai sinh).</translation>
        </message>
        <message>
            <source>Search procedures</source>
            <translation>Tìm thủ tục</translation>
        </message>
        <message>
            <source>Procedures found</source>
            <translation>Các thủ tục tìm thấy</translation>
        </message>
        <message>
            <source>{0} procedure(s) found</source>
            <translation>Tìm thấy {0} thủ tục</translation>
        </message>
        <message>
            <source>All procedures ({0})</source>
            <translation>Tất cả thủ tục ({0})</translation>
        </message>
        <message>
            <source>fully online</source>
            <translation>toàn trình</translation>
        </message>
        <message>
            <source>partly online</source>
            <translation>một phần</translation>
        </message>
        <message>
            <source>Code {0} · level {1} ({2}) · {3}</source>
            <translation>Mã {0} · mức độ {1} ({2}) · {3}</translation>
        </message>
        <message>
            <source>Handled by</source>
            <translation>Cơ quan thực hiện</translation>
        </message>
        <message>
            <source>Time limit</source>
            <translation>Thời hạn giải quyết</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>Lệ phí</translation>
        </message>
        <message>
            <source>Free</source>
            <translation>Miễn phí</translation>
        </message>
        <message>
            <source>{0} dong</source>
            <translation>{0} đồng</translation>
        </message>
    </context>
    <context>
        <name>ReviewPage</name>
        <message>
            <source>Check your answers before sending</source>
            <translation>Kiểm tra thông tin trước khi gửi</translation>
        </message>
        <message>
            <source>Now save and send the dossier</source>
            <translation>Lưu và gửi hồ sơ</translation>
        </message>
        <message>
            <source>By sending this dossier you confirm that the information is true and you take responsibility for it. The dossier is saved on this computer first and sent to the portal as soon as the network allows.</source>
            <translation>Khi gửi hồ sơ, người yêu cầu cam đoan những thông tin trên là đúng sự thật và chịu trách nhiệm về lời cam đoan của mình. Hồ sơ được lưu trên máy trước, rồi gửi lên cổng dịch vụ công ngay khi có mạng.</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Sửa</translation>
        </message>
        <message>
            <source>Change: {0}</source>
            <translation>Sửa: {0}</translation>
        </message>
        <message>
            <source>Not given</source>
            <translation>Không khai</translation>
        </message>
    </context>
    <context>
        <name>SyncIndicator</name>
        <message>
            <source>● Starting…</source>
            <translation>● Đang khởi động…</translation>
        </message>
        <message>
            <source>● Syncing…</source>
            <translation>● Đang đồng bộ…</translation>
        </message>
        <message>
            <source>● Online</source>
            <translation>● Trực tuyến</translation>
        </message>
        <message>
            <source>● Offline</source>
            <translation>● Ngoại tuyến</translation>
        </message>
        <message>
            <source>● Sign-in needed</source>
            <translation>● Cần đăng nhập lại</translation>
        </message>
        <message>
            <source>Waiting to send: {0}</source>
            <translation>Chờ gửi: {0}</translation>
        </message>
        <message>
            <source>never</source>
            <translation>chưa có</translation>
        </message>
        <message>
            <source>Last sync: {0}</source>
            <translation>Đồng bộ lần cuối: {0}</translation>
        </message>
    </context>
</TS>
