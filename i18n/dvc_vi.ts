<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>AccountController</name>
    <message>
        <location filename="../app/views/account_actions.py" line="62"/>
        <source>Signed in.</source>
        <translation>Đã đăng nhập.</translation>
    </message>
    <message>
        <location filename="../app/views/account_actions.py" line="117"/>
        <source>The sign-in has expired. Sign in again to go on: dossiers waiting to be sent are kept on this computer and will be sent afterwards.</source>
        <translation>Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại để tiếp tục: hồ sơ đang chờ gửi vẫn được giữ trên máy này và sẽ được gửi ngay sau đó.</translation>
    </message>
    <message>
        <location filename="../app/views/account_actions.py" line="129"/>
        <source>Signed out.</source>
        <translation>Đã đăng xuất.</translation>
    </message>
    <message>
        <location filename="../app/views/account_actions.py" line="132"/>
        <source>Signed out on this computer. The portal could not be reached; the old sign-in ends there by itself.</source>
        <translation>Đã đăng xuất trên máy này. Không liên lạc được với cổng; phiên đăng nhập cũ trên cổng sẽ tự hết hạn.</translation>
    </message>
    <message>
        <location filename="../app/views/account_actions.py" line="137"/>
        <source>Could not sign out: {0}</source>
        <translation>Không đăng xuất được: {0}</translation>
    </message>
    <message>
        <source>Sign in to the portal to send the dossiers and see their new statuses: dossiers waiting to be sent are kept on this computer until then.</source>
        <translation>Hãy đăng nhập vào cổng để gửi hồ sơ và xem tình trạng mới: hồ sơ đang chờ gửi vẫn được giữ trên máy này cho tới lúc đó.</translation>
    </message>
</context>
<context>
    <name>AccountText</name>
    <message>
        <location filename="../app/views/account_widgets.py" line="45"/>
        <source>This ID number already has an account. Each ID number can have only one account: sign in with it, or use “Forgot password”.</source>
        <extracomment>Look of the widgets below (kept here: they exist only on the account screens).</extracomment>
        <translation>Số CMND/CCCD này đã có tài khoản. Mỗi số CMND/CCCD chỉ đăng ký một tài khoản: hãy đăng nhập bằng số này, hoặc dùng “Quên mật khẩu”.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="48"/>
        <source>This phone number is already used by another account. Use the person&apos;s own mobile number.</source>
        <translation>Số điện thoại này đã được dùng cho một tài khoản khác. Hãy dùng số di động của chính người đăng ký.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="52"/>
        <source>The code is not right. {0} tries left.</source>
        <translation>Mã OTP không đúng. Còn {0} lần thử.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="53"/>
        <source>The code is not right and no tries are left: press “Send a new code”.</source>
        <translation>Mã OTP không đúng và không còn lần thử: hãy bấm “Gửi lại mã”.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="55"/>
        <source>The code has expired (codes last 5 minutes). Press “Send a new code”.</source>
        <translation>Mã OTP đã hết hạn (mã có hiệu lực 5 phút). Hãy bấm “Gửi lại mã”.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="57"/>
        <source>Too many wrong codes. Press “Send a new code” to get a new one.</source>
        <translation>Đã nhập sai mã quá nhiều lần. Hãy bấm “Gửi lại mã” để nhận mã mới.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="59"/>
        <source>The code has 6 digits.</source>
        <translation>Mã OTP gồm 6 chữ số.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="61"/>
        <source>Please wait {0} seconds before asking for a new code.</source>
        <translation>Vui lòng chờ {0} giây rồi hãy yêu cầu mã mới.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="63"/>
        <source>A code was sent 5 times in the last hour. Please try again in an hour.</source>
        <translation>Mã OTP đã được gửi 5 lần trong một giờ qua. Vui lòng thử lại sau một giờ.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="65"/>
        <source>The phone number, ID number or password is not right.</source>
        <translation>Số điện thoại, số CMND/CCCD hoặc mật khẩu không đúng.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="66"/>
        <source>{0} tries left.</source>
        <translation>Còn {0} lần thử.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="69"/>
        <source>Too many wrong passwords: the account is locked for about {0} minutes.</source>
        <translation>Nhập sai mật khẩu quá nhiều lần: tài khoản tạm khóa khoảng {0} phút.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="72"/>
        <source>The password needs at least 8 characters with a lower-case letter, an upper-case letter, a digit and a special character.</source>
        <translation>Mật khẩu cần ít nhất 8 ký tự, có chữ thường, chữ hoa, chữ số và ký tự đặc biệt.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="75"/>
        <source>The two passwords are not the same.</source>
        <translation>Hai lần nhập mật khẩu chưa giống nhau.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="77"/>
        <source>No citizen account has this phone number or ID number.</source>
        <translation>Không có tài khoản công dân nào với số điện thoại hoặc số CMND/CCCD này.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="79"/>
        <source>The portal cannot be reached (no network, or the portal is off). Nothing was lost: try again in a moment.</source>
        <translation>Không kết nối được tới cổng dịch vụ công (mất mạng hoặc cổng đang tắt). Không có gì bị mất: hãy thử lại sau ít phút.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="82"/>
        <source>The portal had a problem. Nothing was lost: try again in a moment.</source>
        <translation>Cổng dịch vụ công đang gặp sự cố. Không có gì bị mất: hãy thử lại sau ít phút.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="84"/>
        <source>Enter the phone number or ID number and the password.</source>
        <translation>Hãy nhập số điện thoại hoặc số CMND/CCCD và mật khẩu.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="86"/>
        <source>The portal refused the request.</source>
        <translation>Cổng dịch vụ công từ chối yêu cầu.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="55"/>
        <source>Since 1 July 2024 (Decree 69/2024/NĐ-CP) the National Public Service Portal signs citizens in with their VNeID account. The account made here is for this portal only: it lets you file and follow dossiers with this commune.</source>
        <translation>Từ ngày 1/7/2024 (Nghị định 69/2024/NĐ-CP), Cổng Dịch vụ công Quốc gia đăng nhập bằng tài khoản định danh điện tử VNeID. Tài khoản đăng ký tại đây chỉ dùng cho cổng này: để nộp và theo dõi hồ sơ với xã.</translation>
    </message>
</context>
<context>
    <name>AccountWizard</name>
    <message>
        <location filename="../app/views/account_wizard.py" line="520"/>
        <source>Register an account</source>
        <translation>Đăng ký tài khoản</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="548"/>
        <source>‹ Back</source>
        <translation>‹ Quay lại</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="553"/>
        <location filename="../app/views/account_wizard.py" line="665"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="565"/>
        <source>The person&apos;s details</source>
        <translation>Thông tin người đăng ký</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="566"/>
        <source>As written on the chip ID card (CCCD) or the old ID card (CMND). The name with its diacritics, for example Nguyễn Văn An.</source>
        <translation>Ghi đúng như trên thẻ căn cước (CCCD) hoặc chứng minh nhân dân (CMND). Họ tên viết có dấu, ví dụ Nguyễn Văn An.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="582"/>
        <source>Account type</source>
        <translation>Loại tài khoản</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="582"/>
        <source>Method</source>
        <translation>Phương thức</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="582"/>
        <source>Details</source>
        <translation>Thông tin cá nhân</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="583"/>
        <source>Additional information</source>
        <translation>Thông tin bổ sung</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="583"/>
        <source>OTP code</source>
        <translation>Mã OTP</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="584"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="584"/>
        <source>Done</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="656"/>
        <source>Step {0} of {1}</source>
        <translation>Bước {0}/{1}</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="662"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="663"/>
        <source>Send the code</source>
        <translation>Gửi mã OTP</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="664"/>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="665"/>
        <source>Register</source>
        <translation>Đăng ký</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="694"/>
        <source>Choose the kind of account.</source>
        <translation>Hãy chọn loại tài khoản.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="733"/>
        <source>Sending the code…</source>
        <translation>Đang gửi mã OTP…</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="749"/>
        <source>Sending a new code…</source>
        <translation>Đang gửi lại mã…</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="763"/>
        <source>The code has 6 digits.</source>
        <translation>Mã OTP gồm 6 chữ số.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="765"/>
        <source>Checking the code…</source>
        <translation>Đang kiểm tra mã…</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="781"/>
        <source>Creating the account…</source>
        <translation>Đang tạo tài khoản…</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="596"/>
        <source>Chip ID card: scan its QR code here to fill the details (optional)</source>
        <translation>Thẻ căn cước gắn chip: quét mã QR tại đây để điền sẵn thông tin (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="606"/>
        <source>Scan, or paste the QR text and press Enter</source>
        <translation>Quét mã, hoặc dán nội dung mã QR rồi bấm Enter</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="607"/>
        <source>QR code of the chip ID card</source>
        <translation>Mã QR trên thẻ căn cước gắn chip</translation>
    </message>
</context>
<context>
    <name>AddressInput</name>
    <message>
        <location filename="../app/views/fields.py" line="279"/>
        <source>Province or city</source>
        <translation>Tỉnh hoặc thành phố</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="280"/>
        <source>— Province/city —</source>
        <translation>— Tỉnh/thành phố —</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="286"/>
        <source>Commune or ward</source>
        <translation>Xã hoặc phường</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="287"/>
        <source>Type to find the commune/ward</source>
        <translation>Gõ để tìm xã/phường</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="293"/>
        <source>House number, street, hamlet (thôn, xóm)</source>
        <translation>Số nhà, đường phố, thôn, xóm</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="294"/>
        <location filename="../app/views/fields.py" line="301"/>
        <source>House number, street, hamlet</source>
        <translation>Số nhà, đường phố, thôn, xóm</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="295"/>
        <source>Province/city</source>
        <translation>Tỉnh/thành phố</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="296"/>
        <source>Commune/ward</source>
        <translation>Xã/phường</translation>
    </message>
</context>
<context>
    <name>AddressPage</name>
    <message>
        <location filename="../app/views/account_wizard.py" line="244"/>
        <source>Additional information</source>
        <translation>Thông tin bổ sung</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="245"/>
        <source>Where does the person live? This helps the commune find the dossiers. You may leave it empty.</source>
        <translation>Người đăng ký đang sống ở đâu? Thông tin này giúp xã tìm hồ sơ. Có thể để trống.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="262"/>
        <location filename="../app/views/account_wizard.py" line="272"/>
        <source>Province or city</source>
        <translation>Tỉnh/thành phố</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="263"/>
        <source>— Choose the province —</source>
        <translation>— Chọn tỉnh/thành phố —</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="267"/>
        <location filename="../app/views/account_wizard.py" line="273"/>
        <source>Commune or ward</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="284"/>
        <source>House number, street, village (optional)</source>
        <translation>Số nhà, đường, thôn/xóm (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="285"/>
        <source>Address (optional)</source>
        <translation>Địa chỉ (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="293"/>
        <source>— Choose the commune —</source>
        <translation>— Chọn xã/phường —</translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <location filename="../app/views/form_pages.py" line="328"/>
        <source>Required</source>
        <translation>Bắt buộc</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="328"/>
        <source>Optional</source>
        <translation>Không bắt buộc</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="339"/>
        <location filename="../app/views/form_pages.py" line="381"/>
        <source>No file chosen — drop a file here or choose one</source>
        <translation>Chưa có tệp — kéo thả tệp vào đây hoặc bấm chọn tệp</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="345"/>
        <location filename="../app/views/form_pages.py" line="382"/>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="347"/>
        <source>Choose file for {0}</source>
        <translation>Chọn tệp cho {0}</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="376"/>
        <source>{0} file(s), {1} — add another page or drop it here</source>
        <translation>{0} tệp, {1} — có thể thêm trang khác hoặc kéo thả tệp vào đây</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="379"/>
        <source>Add file…</source>
        <translation>Thêm tệp…</translation>
    </message>
    <message>
        <source>Made automatically</source>
        <translation>Tạo tự động</translation>
    </message>
    <message>
        <source>Made from the answers — no file needed</source>
        <translation>Tạo từ thông tin đã khai — không cần tệp</translation>
    </message>
</context>
<context>
    <name>AttachmentsPage</name>
    <message>
        <location filename="../app/views/form_pages.py" line="428"/>
        <source>Attach the dossier documents</source>
        <translation>Đính kèm thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="430"/>
        <source>Attach a scan or a photo of each document (several pages may be added one by one): PDF, JPEG or PNG. Files are checked by their content, not by their name; photos are made smaller (A4 at 300 dpi) before they are kept.</source>
        <translation>Đính kèm bản quét hoặc ảnh chụp của từng giấy tờ (có thể thêm lần lượt nhiều trang): PDF, JPEG hoặc PNG. Tệp được kiểm tra theo nội dung, không theo tên; ảnh chụp được thu nhỏ (khổ A4, 300 dpi) trước khi lưu.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="443"/>
        <source>Bring the original to the counter to be compared.</source>
        <translation>Mang bản chính đến Trung tâm Phục vụ hành chính công để đối chiếu.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="456"/>
        <source>Limits: {0} per file, {1} per dossier. Attached so far: {2}.</source>
        <translation>Giới hạn: {0} mỗi tệp, {1} mỗi hồ sơ. Đã đính kèm: {2}.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="460"/>
        <source>(The portal&apos;s limit per dossier is not confirmed; the administrator can change it in the settings.)</source>
        <translation>(Giới hạn mỗi hồ sơ của cổng chưa được xác nhận; quản trị viên có thể sửa trong phần cài đặt.)</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="468"/>
        <source>Choose a scan or photo</source>
        <translation>Chọn bản quét hoặc ảnh chụp</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="469"/>
        <source>Scans and photos (*.pdf *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>Bản quét và ảnh chụp (*.pdf *.jpg *.jpeg *.png);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <source>Attach documents</source>
        <translation>Đính kèm giấy tờ</translation>
    </message>
    <message>
        <source>Starting up, please wait a moment and choose the file again.</source>
        <translation>Đang khởi động, vui lòng chờ giây lát rồi chọn lại tệp.</translation>
    </message>
    <message>
        <source>Preparing “{0}”…</source>
        <translation>Đang chuẩn bị “{0}”…</translation>
    </message>
    <message>
        <source>Cannot read the file “{0}”: {1}</source>
        <translation>Không đọc được tệp “{0}”: {1}</translation>
    </message>
    <message>
        <source>The file “{0}” is larger than {1}. Scan it at a lower resolution.</source>
        <translation>Tệp “{0}” lớn hơn {1}. Hãy quét với độ phân giải thấp hơn.</translation>
    </message>
    <message>
        <source>With “{0}” the dossier would hold {1}, more than the {2} allowed for one dossier. Remove a file or scan at a lower resolution.</source>
        <translation>Thêm “{0}” thì hồ sơ sẽ nặng {1}, vượt giới hạn {2} cho một hồ sơ. Hãy bỏ bớt tệp hoặc quét với độ phân giải thấp hơn.</translation>
    </message>
    <message>
        <source>“{0}” is already attached here.</source>
        <translation>“{0}” đã được đính kèm ở đây rồi.</translation>
    </message>
    <message>
        <source>No scan needed: made from the answers and printed for signature at the counter. Attach a file only for a signed paper form.</source>
        <translation>Không cần quét: tờ khai được tạo từ thông tin đã khai và in ra để ký tại quầy. Chỉ đính kèm tệp nếu nộp tờ khai giấy đã ký.</translation>
    </message>
</context>
<context>
    <name>ConfirmationPage</name>
    <message>
        <location filename="../app/views/form_pages.py" line="582"/>
        <location filename="../app/views/form_pages.py" line="589"/>
        <source>Dossier saved</source>
        <translation>Đã lưu hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="592"/>
        <source>Reference on this computer</source>
        <translation>Mã tham chiếu trên máy</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="618"/>
        <source>What happens next</source>
        <translation>Các bước tiếp theo</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="633"/>
        <source>State: {0}</source>
        <translation>Trạng thái: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="634"/>
        <source>Dossier code: {0}</source>
        <translation>Mã hồ sơ: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="636"/>
        <source>Portal status: {0}</source>
        <translation>Tình trạng trên cổng: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="650"/>
        <source>The dossier is kept safely on this computer and is sent to the portal automatically as soon as the network allows. Keep the reference &lt;b&gt;{0}&lt;/b&gt; to ask about it.</source>
        <translation>Hồ sơ được lưu an toàn trên máy này và tự động gửi lên cổng dịch vụ công ngay khi có mạng. Hãy giữ mã tham chiếu &lt;b&gt;{0}&lt;/b&gt; để hỏi về hồ sơ.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="653"/>
        <source>When the portal receives it, it gives the official dossier code, shown here and in “Dossiers on this computer”.</source>
        <translation>Khi cổng nhận hồ sơ, cổng cấp mã hồ sơ chính thức; mã này hiện ở đây và trong mục “Hồ sơ trên máy”.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="655"/>
        <source>Time limit: {0}.</source>
        <translation>Thời hạn giải quyết: {0}.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="656"/>
        <source>Fee: {0}.</source>
        <translation>Lệ phí: {0}.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="660"/>
        <source>The fee is set by the province and may have changed: check it at the counter.</source>
        <translation>Mức lệ phí do tỉnh quy định và có thể đã thay đổi: hãy hỏi lại tại Trung tâm Phục vụ hành chính công.</translation>
    </message>
    <message>
        <source>{0} dong for this dossier ({1})</source>
        <translation>{0} đồng cho hồ sơ này ({1})</translation>
    </message>
    <message>
        <source>You receive the result: {0}.</source>
        <translation>Nhận kết quả: {0}.</translation>
    </message>
    <message>
        <source>The result is collected at the commune&apos;s public administrative service centre (Trung tâm Phục vụ hành chính công).</source>
        <translation>Nhận kết quả tại Trung tâm Phục vụ hành chính công của xã.</translation>
    </message>
    <message>
        <source>The portal has the dossier under the code &lt;b&gt;{0}&lt;/b&gt;: keep it to ask about the dossier; its progress is shown in “Dossiers on this computer”.</source>
        <translation>Cổng dịch vụ công đã nhận hồ sơ với mã &lt;b&gt;{0}&lt;/b&gt;: hãy giữ mã này để hỏi về hồ sơ; tiến độ xử lý hiện trong “Hồ sơ trên máy”.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../app/views/account_wizard.py" line="462"/>
        <location filename="../app/views/account_wizard.py" line="467"/>
        <source>Account registered</source>
        <translation>Đăng ký thành công</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="481"/>
        <source>Sign in with this account now</source>
        <translation>Đăng nhập bằng tài khoản này ngay</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="493"/>
        <source>{0}, you are now signed in.</source>
        <translation>{0}, bạn đã được đăng nhập.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="495"/>
        <source>The account of {0} is ready.</source>
        <translation>Tài khoản của {0} đã sẵn sàng.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="496"/>
        <source>Sign in next time with the phone number {0} or the ID number {1}, and the password just created.</source>
        <translation>Lần sau, đăng nhập bằng số điện thoại {0} hoặc số CMND/CCCD {1} và mật khẩu vừa tạo.</translation>
    </message>
</context>
<context>
    <name>DossierDetails</name>
    <message>
        <location filename="../app/views/dossier_list.py" line="205"/>
        <location filename="../app/views/dossier_list.py" line="279"/>
        <source>Choose a dossier in the list to see its details.</source>
        <translation>Chọn một hồ sơ trong danh sách để xem chi tiết.</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="240"/>
        <source>Receive (officer)</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="242"/>
        <source>Sandbox portal: receive this dossier as the commune officer would</source>
        <translation>Cổng thử nghiệm: tiếp nhận hồ sơ này như công chức xã</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="245"/>
        <source>Send again</source>
        <translation>Gửi lại</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="290"/>
        <source>Applicant</source>
        <translation>Người yêu cầu</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="291"/>
        <source>State on this computer</source>
        <translation>Trạng thái trên máy</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="292"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="292"/>
        <source>not yet given</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="293"/>
        <source>Portal status</source>
        <translation>Tình trạng trên cổng</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="293"/>
        <source>not yet known</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="294"/>
        <source>Due</source>
        <translation>Hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="295"/>
        <source>Documents</source>
        <translation>Giấy tờ đính kèm</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="301"/>
        <source>Status history</source>
        <translation>Lịch sử tình trạng</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="309"/>
        <source>Last problem: {0}</source>
        <translation>Lỗi gần nhất: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="248"/>
        <source>Supplement the dossier</source>
        <translation>Bổ sung hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="250"/>
        <source>Open the dossier in the wizard, add what the officer asked for and send it again</source>
        <translation>Mở lại hồ sơ trong các bước nộp, bổ sung những gì cán bộ yêu cầu rồi gửi lại</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="253"/>
        <source>Withdraw…</source>
        <translation>Rút hồ sơ…</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="323"/>
        <source>sending the dossier</source>
        <translation>gửi hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="324"/>
        <source>sending the supplemented dossier</source>
        <translation>gửi hồ sơ đã bổ sung</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="325"/>
        <source>sending “{0}”</source>
        <translation>gửi thao tác “{0}”</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="328"/>
        <source>Waiting: {0} — stopped after {1} tries; press “Send again”.</source>
        <translation>Đang chờ: {0} — đã dừng sau {1} lần thử; bấm “Gửi lại”.</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="331"/>
        <source>Now {0}…</source>
        <translation>Đang {0}…</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="333"/>
        <source>Waiting: {0} — try {1} failed; next try at {2}.</source>
        <translation>Đang chờ: {0} — lần thử {1} chưa được; thử lại lúc {2}.</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="335"/>
        <source>Waiting: {0} at the next sync.</source>
        <translation>Đang chờ: {0} ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="342"/>
        <source>Dossier: {0} of {1}</source>
        <translation>Hồ sơ: {0} / {1}</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="350"/>
        <source>{0}: {1} of {2}</source>
        <translation>{0}: {1} / {2}</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="352"/>
        <source>Uploading the documents…</source>
        <translation>Đang tải giấy tờ lên…</translation>
    </message>
    <message>
        <source>Print the declaration…</source>
        <translation>In tờ khai…</translation>
    </message>
    <message>
        <source>The Tờ khai made from the answers, as a PDF to print and sign at the counter</source>
        <translation>Tờ khai tạo từ thông tin đã khai, dạng PDF để in và ký tại quầy</translation>
    </message>
    <message>
        <source>Print the receipt…</source>
        <translation>In giấy tiếp nhận…</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01), two copies, as a PDF</source>
        <translation>Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01), hai liên, dạng PDF</translation>
    </message>
    <message>
        <source>The citizen asks to withdraw the dossier: a reason and a confirmation are asked</source>
        <translation>Công dân xin rút hồ sơ: cần ghi lý do và xác nhận</translation>
    </message>
    <message>
        <source>Open the result</source>
        <translation>Mở kết quả</translation>
    </message>
    <message>
        <source>The electronic result the office returned, opened in the system&apos;s viewer</source>
        <translation>Kết quả điện tử cơ quan đã trả, mở bằng trình xem của máy</translation>
    </message>
    <message>
        <source>To supplement, all at once:</source>
        <translation>Cần bổ sung (toàn bộ trong một lần):</translation>
    </message>
    <message>
        <source>Electronic result: {0}</source>
        <translation>Kết quả điện tử: {0}</translation>
    </message>
</context>
<context>
    <name>DossierListView</name>
    <message>
        <location filename="../app/views/dossier_list.py" line="399"/>
        <source>Dossiers on this computer</source>
        <translation>Hồ sơ trên máy</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="447"/>
        <source>{0} dossier(s)</source>
        <translation>{0} hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="406"/>
        <source>Look up by dossier code, reference, or anyone&apos;s name or ID number (works without network)</source>
        <translation>Tra cứu theo mã hồ sơ, mã tham chiếu, họ tên hoặc số định danh của bất kỳ ai trong hồ sơ (không cần mạng)</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="453"/>
        <source>Statuses have not been fetched from the portal yet.</source>
        <translation>Chưa lấy được trạng thái từ cổng dịch vụ công.</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="457"/>
        <source>Statuses as of {0} ({1} min ago).</source>
        <translation>Trạng thái cập nhật lúc {0} (cách đây {1} phút).</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../app/views/dossier_list.py" line="93"/>
        <source>Reference</source>
        <translation>Mã tham chiếu</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="93"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="93"/>
        <source>Applicant</source>
        <translation>Người yêu cầu</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="94"/>
        <source>State on this computer</source>
        <translation>Trạng thái trên máy</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="94"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="95"/>
        <source>Portal status</source>
        <translation>Tình trạng trên cổng</translation>
    </message>
    <message>
        <location filename="../app/views/dossier_list.py" line="95"/>
        <source>Updated</source>
        <translation>Cập nhật</translation>
    </message>
</context>
<context>
    <name>DossierWizard</name>
    <message>
        <source>Could not open the draft: {0}</source>
        <translation>Không mở được hồ sơ nháp: {0}</translation>
    </message>
    <message>
        <source>This draft can no longer be opened (it was deleted, or its procedure is no longer offered).</source>
        <translation>Không mở được hồ sơ nháp này nữa (nháp đã bị xóa, hoặc thủ tục không còn được cung cấp).</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="205"/>
        <source>‹ Back</source>
        <translation>‹ Quay lại</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="207"/>
        <source>Back to the previous step (Alt+Left); answers are kept</source>
        <translation>Về bước trước (Alt+←); thông tin đã nhập được giữ nguyên</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="209"/>
        <location filename="../app/views/wizard.py" line="414"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="212"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="214"/>
        <source>File a new dossier</source>
        <translation>Nộp hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="217"/>
        <source>Drafts</source>
        <translation>Hồ sơ nháp</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="219"/>
        <source>Dossiers saved before they were finished</source>
        <translation>Hồ sơ đã lưu khi chưa điền xong</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="221"/>
        <source>Save as draft</source>
        <translation>Lưu nháp</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="223"/>
        <source>Keep what is filled in so far and finish later</source>
        <translation>Giữ lại những gì đã điền để hoàn thành sau</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="334"/>
        <source>The person making the request</source>
        <translation>Người yêu cầu</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="335"/>
        <source>Who is filing the dossier. Details on the chip ID card are enough; the portal does not ask for them again.</source>
        <translation>Người đứng ra nộp hồ sơ. Chỉ cần thông tin trên thẻ căn cước gắn chip; cổng không hỏi lại những thông tin này.</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="357"/>
        <location filename="../app/views/wizard.py" line="359"/>
        <source>Choose the procedure</source>
        <translation>Chọn thủ tục</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="357"/>
        <source>Fill in the declaration</source>
        <translation>Điền tờ khai</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="358"/>
        <location filename="../app/views/wizard.py" line="361"/>
        <source>Attach documents</source>
        <translation>Đính kèm giấy tờ</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="358"/>
        <source>Check and send</source>
        <translation>Kiểm tra và gửi</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="361"/>
        <source>Check your answers</source>
        <translation>Kiểm tra thông tin</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="361"/>
        <source>Saved</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="382"/>
        <source>Done</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="385"/>
        <source>Step {0} of {1}</source>
        <translation>Bước {0}/{1}</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="406"/>
        <source>Save and send</source>
        <translation>Lưu và gửi hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="409"/>
        <source>Starting up, please wait…</source>
        <translation>Đang khởi động, vui lòng chờ…</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="411"/>
        <source>Back to the check page</source>
        <translation>Về trang kiểm tra</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="470"/>
        <source>Choose a procedure from the list. Try another word if nothing is found.</source>
        <translation>Hãy chọn một thủ tục trong danh sách. Nếu không thấy, hãy thử từ khác.</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="520"/>
        <source>Starting up, please wait a moment and choose the file again.</source>
        <translation>Đang khởi động, vui lòng chờ giây lát rồi chọn lại tệp.</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="529"/>
        <source>Preparing “{0}”…</source>
        <translation>Đang chuẩn bị “{0}”…</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="544"/>
        <source>Cannot read the file “{0}”: {1}</source>
        <translation>Không đọc được tệp “{0}”: {1}</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="552"/>
        <source>The file “{0}” is larger than {1}. Scan it at a lower resolution.</source>
        <translation>Tệp “{0}” lớn hơn {1}. Hãy quét với độ phân giải thấp hơn.</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="557"/>
        <source>With “{0}” the dossier would hold {1}, more than the {2} allowed for one dossier. Remove a file or scan at a lower resolution.</source>
        <translation>Thêm “{0}” thì hồ sơ sẽ nặng {1}, vượt giới hạn {2} cho một hồ sơ. Hãy bỏ bớt tệp hoặc quét với độ phân giải thấp hơn.</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="566"/>
        <source>“{0}” is already attached here.</source>
        <translation>“{0}” đã được đính kèm ở đây rồi.</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="591"/>
        <location filename="../app/views/wizard.py" line="592"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="593"/>
        <source>Code</source>
        <translation>Mã thủ tục</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="602"/>
        <source>, {0} page(s)</source>
        <translation>, {0} trang</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="604"/>
        <source>No file attached</source>
        <translation>Không đính kèm</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="605"/>
        <source>Documents</source>
        <translation>Giấy tờ đính kèm</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="619"/>
        <source>{0} dong for this dossier ({1})</source>
        <translation>{0} đồng cho hồ sơ này ({1})</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="631"/>
        <source>Total: {0} dong</source>
        <translation>Tổng cộng: {0} đồng</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="633"/>
        <source>No fee</source>
        <translation>Không mất lệ phí</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="637"/>
        <source>The amount is province data that may be out of date; the officer confirms it at the counter.</source>
        <translation>Mức thu là dữ liệu của tỉnh, có thể đã thay đổi; cán bộ xác nhận lại khi tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="671"/>
        <source>The dossier could not be saved on this computer: {0}</source>
        <translation>Không lưu được hồ sơ trên máy: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="747"/>
        <source>Supplement requested for dossier {0}. The officer&apos;s note: {1}</source>
        <translation>Hồ sơ {0} được yêu cầu bổ sung. Ghi chú của cán bộ: {1}</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="748"/>
        <source>(no note)</source>
        <translation>(không có ghi chú)</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="812"/>
        <source>The draft could not be saved: {0}</source>
        <translation>Không lưu nháp được: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="819"/>
        <source>Saved as a draft at {0} (reference {1}). Find it again under “Drafts” on the first page; drafts are deleted after {2} days.</source>
        <translation>Đã lưu nháp lúc {0} (mã tham chiếu {1}). Mở lại trong “Hồ sơ nháp” ở trang đầu; hồ sơ nháp được xóa sau {2} ngày.</translation>
    </message>
    <message>
        <location filename="../app/views/wizard.py" line="854"/>
        <source>Draft resumed. Check each page, then save and send it, or save it again as a draft.</source>
        <translation>Đã mở lại hồ sơ nháp. Hãy kiểm tra từng trang rồi lưu và gửi, hoặc lưu nháp lần nữa.</translation>
    </message>
    <message>
        <source>Receiving the result</source>
        <translation>Nhận kết quả</translation>
    </message>
    <message>
        <source>Choose how the result of this dossier reaches you. Only the ways this procedure offers are listed.</source>
        <translation>Chọn cách nhận kết quả giải quyết hồ sơ. Chỉ có các cách mà thủ tục này cung cấp.</translation>
    </message>
    <message>
        <source>Made from the answers above</source>
        <translation>Tạo từ thông tin đã khai ở trên</translation>
    </message>
</context>
<context>
    <name>DossiersWorkspace</name>
    <message>
        <source>Could not read the local list: {0}</source>
        <translation>Không đọc được danh sách hồ sơ trên máy: {0}</translation>
    </message>
    <message>
        <source>The action failed: {0}</source>
        <translation>Thao tác không thành công: {0}</translation>
    </message>
    <message>
        <source>“Receive” is queued; it is sent with the next sync…</source>
        <translation>Đã xếp “Tiếp nhận” vào hàng chờ; sẽ gửi lên cổng ở lần đồng bộ tới…</translation>
    </message>
    <message>
        <source>Saved {0}: open it to print.</source>
        <translation>Đã lưu {0}: mở tệp để in.</translation>
    </message>
    <message>
        <source>The form could not be saved: {0}</source>
        <translation>Không lưu được biểu mẫu: {0}</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <location filename="../app/views/drafts.py" line="30"/>
        <location filename="../app/views/drafts.py" line="36"/>
        <location filename="../app/views/drafts.py" line="45"/>
        <source>Drafts</source>
        <translation>Hồ sơ nháp</translation>
    </message>
    <message>
        <location filename="../app/views/drafts.py" line="38"/>
        <source>Dossiers saved before they were finished. A draft is deleted {0} days after it was last saved, with its files.</source>
        <translation>Hồ sơ đã lưu khi chưa điền xong. Hồ sơ nháp bị xóa cùng các tệp đính kèm sau {0} ngày kể từ lần lưu cuối.</translation>
    </message>
    <message>
        <location filename="../app/views/drafts.py" line="47"/>
        <source>There are no drafts on this computer.</source>
        <translation>Trên máy này chưa có hồ sơ nháp nào.</translation>
    </message>
    <message>
        <location filename="../app/views/drafts.py" line="50"/>
        <source>Delete draft</source>
        <translation>Xóa hồ sơ nháp</translation>
    </message>
    <message>
        <location filename="../app/views/drafts.py" line="53"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../app/views/drafts.py" line="56"/>
        <source>Continue this draft</source>
        <translation>Tiếp tục điền hồ sơ này</translation>
    </message>
    <message>
        <location filename="../app/views/drafts.py" line="75"/>
        <source>(no name yet)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <location filename="../app/views/drafts.py" line="78"/>
        <source>Saved {0} · reference {1} · {2} file(s) · deleted on {3}</source>
        <translation>Lưu lúc {0} · mã tham chiếu {1} · {2} tệp · sẽ xóa ngày {3}</translation>
    </message>
</context>
<context>
    <name>ErrorSummary</name>
    <message>
        <location filename="../app/views/pages.py" line="136"/>
        <source>There is a problem</source>
        <translation>Có lỗi cần sửa</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <location filename="../app/views/fields.py" line="63"/>
        <source>{0} (optional)</source>
        <translation>{0} (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="105"/>
        <source>Day/month/year, for example 05/03/2024</source>
        <translation>Ngày/tháng/năm, ví dụ 05/03/2024</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="107"/>
        <source>Four digits, for example 1995</source>
        <translation>Bốn chữ số, ví dụ 1995</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="109"/>
        <source>12 digits on the chip ID card (old ID card: 9 digits)</source>
        <translation>12 chữ số trên thẻ căn cước (CMND cũ: 9 chữ số)</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="111"/>
        <source>Mobile number, for example 0912345678</source>
        <translation>Số di động, ví dụ 0912345678</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="113"/>
        <source>For example name@example.vn</source>
        <translation>Ví dụ ten@example.vn</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="120"/>
        <source>In words: {0}</source>
        <translation>Bằng chữ: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="135"/>
        <location filename="../app/views/fields.py" line="236"/>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="135"/>
        <location filename="../app/views/fields.py" line="236"/>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="140"/>
        <source>— Choose —</source>
        <translation>— Chọn —</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="154"/>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
</context>
<context>
    <name>FileItem</name>
    <message>
        <location filename="../app/views/form_pages.py" line="279"/>
        <source>{0} page(s)</source>
        <translation>{0} trang</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="280"/>
        <source>pages unknown</source>
        <translation>chưa rõ số trang</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="282"/>
        <source>reduced from {0}</source>
        <translation>đã thu nhỏ từ {0}</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="289"/>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="291"/>
        <source>Remove {0}</source>
        <translation>Xóa {0}</translation>
    </message>
</context>
<context>
    <name>GroupInput</name>
    <message>
        <location filename="../app/views/fields.py" line="375"/>
        <source>+ Add {0}</source>
        <translation>+ Thêm {0}</translation>
    </message>
    <message>
        <location filename="../app/views/fields.py" line="394"/>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/views/main_window.py" line="116"/>
        <location filename="../app/views/main_window.py" line="175"/>
        <source>Public Service Assistant</source>
        <translation>Trợ lý Dịch vụ công</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="126"/>
        <source>TRAINING ENVIRONMENT — demo data, nothing is really filed</source>
        <translation>MÔI TRƯỜNG ĐÀO TẠO — dữ liệu mẫu, không nộp hồ sơ thật</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="156"/>
        <source>File a dossier</source>
        <translation>Nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="158"/>
        <location filename="../app/views/main_window.py" line="257"/>
        <source>Dossiers on this computer</source>
        <translation>Hồ sơ trên máy</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="162"/>
        <source>Starting the local database and the portal connection…</source>
        <translation>Đang mở dữ liệu trên máy và kết nối cổng dịch vụ công…</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="207"/>
        <source>&amp;Dossier</source>
        <translation>&amp;Hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="208"/>
        <source>&amp;New dossier</source>
        <translation>Hồ sơ &amp;mới</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="210"/>
        <source>&amp;Send now</source>
        <translation>&amp;Gửi ngay</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="212"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="213"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="214"/>
        <source>&amp;File a dossier</source>
        <translation>&amp;Nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="216"/>
        <source>&amp;Dossiers on this computer</source>
        <translation>Hồ sơ trên &amp;máy</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="218"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="219"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="273"/>
        <source>Ready.</source>
        <translation>Sẵn sàng.</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="279"/>
        <source>Cannot start</source>
        <translation>Không khởi động được</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="280"/>
        <source>The local data could not be opened: {0}</source>
        <translation>Không mở được dữ liệu trên máy: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="332"/>
        <source>Dossiers on this computer ({0})</source>
        <translation>Hồ sơ trên máy ({0})</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="339"/>
        <source>Could not read the local list: {0}</source>
        <translation>Không đọc được danh sách hồ sơ trên máy: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="487"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="488"/>
        <source>Ctrl+N  new dossier
Ctrl+Enter  continue / send
Alt+Left  back
F5  send now
Ctrl+1  file a dossier
Ctrl+2  dossiers on this computer
Ctrl+3  worklists (officer)
Alt+1…Alt+9  choose a worklist
Ctrl+F  search the worklist
Ctrl+R  read the worklists again
Ctrl+Shift+T  receive · Ctrl+Shift+K  refuse · Ctrl+Shift+B  request a supplement
Ctrl+Shift+X  start · Ctrl+Shift+P  require the fee · Ctrl+Shift+D  fee paid
Ctrl+Shift+H  finish · Ctrl+Shift+R  return the result
Ctrl+Q  quit</source>
        <translation>Ctrl+N  hồ sơ mới
Ctrl+Enter  tiếp tục / gửi
Alt+←  quay lại
F5  gửi ngay
Ctrl+1  nộp hồ sơ
Ctrl+2  hồ sơ trên máy
Ctrl+3  danh sách công việc (cán bộ)
Alt+1…Alt+9  chọn một danh sách công việc
Ctrl+F  tìm trong danh sách công việc
Ctrl+R  đọc lại danh sách công việc
Ctrl+Shift+T  tiếp nhận · Ctrl+Shift+K  từ chối · Ctrl+Shift+B  yêu cầu bổ sung
Ctrl+Shift+X  bắt đầu xử lý · Ctrl+Shift+P  yêu cầu nộp phí · Ctrl+Shift+D  đã nộp phí
Ctrl+Shift+H  hoàn thành · Ctrl+Shift+R  trả kết quả
Ctrl+Q  thoát</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="375"/>
        <source>Dossier {0}: {1}</source>
        <translation>Hồ sơ {0}: {1}</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="378"/>
        <source>the officer asks for more documents: {0} Open it in “Dossiers on this computer” and press “Supplement the dossier”.</source>
        <translation>cán bộ yêu cầu bổ sung giấy tờ: {0} Mở hồ sơ trong “Hồ sơ trên máy” và bấm “Bổ sung hồ sơ”.</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="382"/>
        <source>the result is ready to be collected.</source>
        <translation>đã có kết quả, mời đến nhận.</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="387"/>
        <source>…and {0} more changes.</source>
        <translation>…và {0} thay đổi khác.</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="141"/>
        <source>Got it</source>
        <translation>Đã hiểu</translation>
    </message>
    <message>
        <source>&amp;Worklists (officer)</source>
        <translation>&amp;Danh sách công việc (cán bộ)</translation>
    </message>
    <message>
        <source>Worklists</source>
        <translation>Danh sách công việc</translation>
    </message>
    <message>
        <source>Worklists ({0} overdue)</source>
        <translation>Danh sách công việc ({0} quá hạn)</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Số liệu</translation>
    </message>
    <message>
        <source>&amp;Figures (officer)</source>
        <translation>&amp;Số liệu (cán bộ)</translation>
    </message>
</context>
<context>
    <name>MethodPage</name>
    <message>
        <location filename="../app/views/account_wizard.py" line="120"/>
        <source>How do you want to register?</source>
        <translation>Bạn muốn đăng ký bằng cách nào?</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="121"/>
        <source>This portal registers accounts with a mobile number: a code is sent to the phone by SMS.</source>
        <translation>Cổng này đăng ký tài khoản bằng số thuê bao di động: mã xác thực được gửi tới điện thoại qua SMS.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="126"/>
        <source>Mobile number (thuê bao di động)</source>
        <translation>Thuê bao di động</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="130"/>
        <source>Not offered here</source>
        <translation>Chưa hỗ trợ tại đây</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="134"/>
        <source>Social insurance number (mã số BHXH)</source>
        <translation>Mã số bảo hiểm xã hội (BHXH)</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="135"/>
        <source>needs a link to the social insurance database, which this portal does not have.</source>
        <translation>cần kết nối với cơ sở dữ liệu bảo hiểm xã hội, cổng này chưa có.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="137"/>
        <source>At the post office (Bưu điện)</source>
        <translation>Bưu điện</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="138"/>
        <source>done at a post office counter, not on this computer.</source>
        <translation>làm tại quầy bưu điện, không làm trên máy này.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="139"/>
        <source>USB digital signature (USB ký số)</source>
        <translation>USB ký số</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="140"/>
        <source>needs a certificate reader and driver, which commune machines do not have.</source>
        <translation>cần thiết bị đọc chứng thư số và trình điều khiển, máy của xã chưa có.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="142"/>
        <source>SIM digital signature (SIM ký số)</source>
        <translation>SIM ký số</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="143"/>
        <source>needs a signing SIM and the carrier&apos;s signing service.</source>
        <translation>cần SIM ký số và dịch vụ ký số của nhà mạng.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="144"/>
        <source>Personal digital signature (chữ ký số cá nhân)</source>
        <translation>Chữ ký số cá nhân</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="145"/>
        <source>needs a certificate from a signing provider; not supported yet.</source>
        <translation>cần chứng thư số của nhà cung cấp dịch vụ chữ ký số; chưa hỗ trợ.</translation>
    </message>
</context>
<context>
    <name>OtpBox</name>
    <message>
        <location filename="../app/views/account_widgets.py" line="201"/>
        <location filename="../app/views/account_widgets.py" line="214"/>
        <source>Verification code (OTP)</source>
        <translation>Mã xác thực (OTP)</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="226"/>
        <source>Send a new code</source>
        <translation>Gửi lại mã</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="241"/>
        <source>We sent a 6-digit code by SMS to {0}. It is valid for 5 minutes.</source>
        <translation>Mã gồm 6 chữ số đã được gửi qua SMS tới số {0}. Mã có hiệu lực 5 phút.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="244"/>
        <source>If this is a citizen account, we sent a 6-digit code by SMS to its phone number. It is valid for 5 minutes.</source>
        <translation>Nếu đây là tài khoản công dân, mã gồm 6 chữ số đã được gửi qua SMS tới số điện thoại của tài khoản. Mã có hiệu lực 5 phút.</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="248"/>
        <source>Tries left: {0} of 5</source>
        <translation>Còn {0}/5 lần thử</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="258"/>
        <source>You can ask for a new code in {0} s</source>
        <translation>Có thể yêu cầu mã mới sau {0} giây</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="260"/>
        <source>Did not get it? Ask for a new code.</source>
        <translation>Chưa nhận được mã? Hãy yêu cầu gửi lại.</translation>
    </message>
</context>
<context>
    <name>OtpPage</name>
    <message>
        <location filename="../app/views/account_wizard.py" line="347"/>
        <source>Enter the code sent to the phone</source>
        <translation>Nhập mã OTP gửi tới điện thoại</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="350"/>
        <source>Wrong phone number? Go back and correct it</source>
        <translation>Sai số điện thoại? Quay lại để sửa</translation>
    </message>
</context>
<context>
    <name>PasswordChecklist</name>
    <message>
        <location filename="../app/views/account_widgets.py" line="146"/>
        <source>at least 8 characters</source>
        <translation>ít nhất 8 ký tự</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="147"/>
        <source>a lower-case letter (a–z)</source>
        <translation>chữ thường (a–z)</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="148"/>
        <source>an upper-case letter (A–Z)</source>
        <translation>chữ hoa (A–Z)</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="149"/>
        <source>a digit (0–9)</source>
        <translation>chữ số (0–9)</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="150"/>
        <source>a special character, such as @ # $ % !</source>
        <translation>ký tự đặc biệt, ví dụ @ # $ % !</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="167"/>
        <source>met</source>
        <translation>đã đạt</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="167"/>
        <source>not met yet</source>
        <translation>chưa đạt</translation>
    </message>
</context>
<context>
    <name>PasswordField</name>
    <message>
        <location filename="../app/views/account_widgets.py" line="114"/>
        <location filename="../app/views/account_widgets.py" line="125"/>
        <source>Show</source>
        <translation>Hiện</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="117"/>
        <source>Show the password</source>
        <translation>Hiện mật khẩu</translation>
    </message>
    <message>
        <location filename="../app/views/account_widgets.py" line="125"/>
        <source>Hide</source>
        <translation>Ẩn</translation>
    </message>
</context>
<context>
    <name>PasswordPage</name>
    <message>
        <location filename="../app/views/account_wizard.py" line="378"/>
        <source>Create a password</source>
        <translation>Tạo mật khẩu</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="379"/>
        <source>The person signs in with their phone number or ID number and this password. Nobody else, officers included, should know it.</source>
        <translation>Người đăng ký sẽ đăng nhập bằng số điện thoại hoặc số CMND/CCCD và mật khẩu này. Không ai khác, kể cả cán bộ, được biết mật khẩu.</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="386"/>
        <location filename="../app/views/account_wizard.py" line="391"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="388"/>
        <location filename="../app/views/account_wizard.py" line="392"/>
        <source>Repeat the password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="406"/>
        <source>The password must have:</source>
        <translation>Mật khẩu cần có:</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="422"/>
        <source>The two passwords are the same</source>
        <translation>Hai lần nhập mật khẩu đã giống nhau</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="423"/>
        <source>The two passwords are not the same yet</source>
        <translation>Hai lần nhập mật khẩu chưa giống nhau</translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message>
        <location filename="../app/views/pages.py" line="241"/>
        <source>Which procedure do you need?</source>
        <translation>Bạn cần làm thủ tục nào?</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="245"/>
        <source>Search by name, code or everyday words, with or without diacritics (for example: khai sinh).</source>
        <translation>Tìm theo tên, mã thủ tục hoặc cách nói thông thường, có dấu hay không dấu đều được (ví dụ: khai sinh).</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="252"/>
        <location filename="../app/views/pages.py" line="254"/>
        <source>Search procedures</source>
        <translation>Tìm thủ tục</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="264"/>
        <source>Procedures found</source>
        <translation>Các thủ tục tìm thấy</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="282"/>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="283"/>
        <source>All fields</source>
        <translation>Tất cả lĩnh vực</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="287"/>
        <source>Level</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="288"/>
        <source>All levels</source>
        <translation>Tất cả mức độ</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="289"/>
        <source>Fully online (level 4)</source>
        <translation>Toàn trình (mức độ 4)</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="290"/>
        <source>Partly online (level 3)</source>
        <translation>Một phần (mức độ 3)</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="292"/>
        <source>Agency</source>
        <translation>Cơ quan thực hiện</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="293"/>
        <source>All agencies</source>
        <translation>Tất cả cơ quan</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="296"/>
        <source>Free of charge</source>
        <translation>Miễn phí</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="336"/>
        <source>{0} procedure(s) found</source>
        <translation>Tìm thấy {0} thủ tục</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="337"/>
        <source>All procedures ({0})</source>
        <translation>Tất cả thủ tục ({0})</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="354"/>
        <location filename="../app/views/pages.py" line="376"/>
        <source>Also called: {0}</source>
        <translation>Còn gọi là: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="388"/>
        <source>fully online</source>
        <translation>toàn trình</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="389"/>
        <source>partly online</source>
        <translation>một phần</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="390"/>
        <source>Code {0} · level {1} ({2}) · {3}</source>
        <translation>Mã {0} · mức độ {1} ({2}) · {3}</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="399"/>
        <source>Handled by</source>
        <translation>Cơ quan thực hiện</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="400"/>
        <source>Time limit</source>
        <translation>Thời hạn giải quyết</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="401"/>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="404"/>
        <source>In person</source>
        <translation>Có mặt trực tiếp</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="405"/>
        <source>The applicant must come to the counter.</source>
        <translation>Người yêu cầu phải có mặt tại Trung tâm Phục vụ hành chính công.</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="407"/>
        <source>Online only</source>
        <translation>Chỉ nhận trực tuyến</translation>
    </message>
    <message>
        <location filename="../app/views/pages.py" line="408"/>
        <source>No paper intake since 1/10/2025 (Directive 24/CT-TTg; list not confirmed).</source>
        <translation>Không nhận hồ sơ giấy từ 1/10/2025 (Chỉ thị 24/CT-TTg; danh sách chưa được xác nhận).</translation>
    </message>
    <message>
        <source>Choose the procedure</source>
        <translation>Chọn thủ tục</translation>
    </message>
    <message>
        <source>Choose a procedure from the list. Try another word if nothing is found.</source>
        <translation>Hãy chọn một thủ tục trong danh sách. Nếu không thấy, hãy thử từ khác.</translation>
    </message>
    <message>
        <source>Or search with everyday words, for example:</source>
        <translation>Hoặc tìm bằng lời thường dùng, ví dụ:</translation>
    </message>
    <message>
        <source>No procedure matches “{0}” exactly; {1} found with a word spelt differently:</source>
        <translation>Không có thủ tục nào khớp đúng “{0}”; tìm thấy {1} thủ tục với một từ viết khác:</translation>
    </message>
    <message>
        <source>No procedure has all of “{0}”; the closest ones are listed below.</source>
        <translation>Không có thủ tục nào có đủ các từ “{0}”; các thủ tục gần nhất ở danh sách dưới đây.</translation>
    </message>
    <message>
        <source>No procedure matches “{0}”. Check the spelling, or try other words.</source>
        <translation>Không có thủ tục nào khớp với “{0}”. Hãy kiểm tra chính tả, hoặc thử từ khác.</translation>
    </message>
    <message>
        <source>Search for: {0}</source>
        <translation>Tìm: {0}</translation>
    </message>
</context>
<context>
    <name>DocumentPicker</name>
    <message>
        <source>{0} pages</source>
        <translation>{0} trang</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>Tệp PDF</translation>
    </message>
    <message>
        <source>Cannot be shown</source>
        <translation>Không xem trước được</translation>
    </message>
    <message>
        <source>Papers you can add</source>
        <translation>Giấy tờ bạn có thể thêm</translation>
    </message>
    <message>
        <source>USB stick</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>No scanner folder or USB stick found. Plug in the USB stick, or ask the officer for help.</source>
        <translation>Chưa thấy máy quét hoặc USB. Hãy cắm USB vào máy, hoặc nhờ cán bộ giúp.</translation>
    </message>
    <message>
        <source>Touch the paper to add ({0}).</source>
        <translation>Chạm vào giấy tờ muốn thêm ({0}).</translation>
    </message>
    <message>
        <source>There is no photo or PDF here ({0}).</source>
        <translation>Ở đây không có ảnh hoặc tệp PDF nào ({0}).</translation>
    </message>
    <message>
        <source>This file cannot be used: only photos and PDF files from the scanner or the USB stick can be added.</source>
        <translation>Không dùng được tệp này: chỉ thêm được ảnh và tệp PDF từ máy quét hoặc USB.</translation>
    </message>
</context>
<context>
    <name>KioskKeyboard</name>
    <message>
        <source>On-screen keyboard</source>
        <translation>Bàn phím trên màn hình</translation>
    </message>
    <message>
        <source>Marks: type a vowel, then touch it here with its mark</source>
        <translation>Dấu: gõ một nguyên âm, rồi chạm vào chữ có dấu ở hàng này</translation>
    </message>
    <message>
        <source>Delete the letter before the cursor</source>
        <translation>Xóa chữ trước con trỏ</translation>
    </message>
    <message>
        <source>⇧ Capital</source>
        <translation>⇧ Chữ hoa</translation>
    </message>
    <message>
        <source>Capital letter</source>
        <translation>Chữ hoa</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Dấu cách</translation>
    </message>
    <message>
        <source>Enter ↵</source>
        <translation>Xong ↵</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>Mark (type a vowel first)</source>
        <translation>Dấu (gõ nguyên âm trước)</translation>
    </message>
    <message>
        <source>no mark</source>
        <translation>không dấu</translation>
    </message>
</context>
<context>
    <name>QrScanBox</name>
    <message>
        <location filename="../app/views/form_pages.py" line="174"/>
        <location filename="../app/views/form_pages.py" line="183"/>
        <source>Scan the QR code of the chip ID card (CCCD)</source>
        <translation>Quét mã QR trên thẻ căn cước (CCCD gắn chip hoặc thẻ căn cước mới)</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="176"/>
        <source>Hold the card under the scanner, or paste the code here and press Enter: name, ID number, date of birth, sex and address are filled in for you to check.</source>
        <translation>Đưa mặt có mã QR của thẻ vào máy quét, hoặc dán nội dung mã QR vào đây rồi nhấn Enter: họ tên, số định danh, ngày sinh, giới tính và nơi cư trú được điền sẵn để kiểm tra lại.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="184"/>
        <source>Scan or paste the QR code</source>
        <translation>Quét hoặc dán mã QR</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="219"/>
        <source>Filled in from the QR code: {0}, {1}. Check the details below.</source>
        <translation>Đã điền từ mã QR: {0}, {1}. Hãy kiểm tra lại thông tin bên dưới.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../app/views/form_pages.py" line="504"/>
        <source>Check your answers before sending</source>
        <translation>Kiểm tra thông tin trước khi gửi</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="508"/>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="515"/>
        <source>Now save and send the dossier</source>
        <translation>Lưu và gửi hồ sơ</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="519"/>
        <source>By sending this dossier you confirm that the information is true and you take responsibility for it. The dossier is saved on this computer first and sent to the portal as soon as the network allows.</source>
        <translation>Khi gửi hồ sơ, người yêu cầu cam đoan những thông tin trên là đúng sự thật và chịu trách nhiệm về lời cam đoan của mình. Hồ sơ được lưu trên máy trước, rồi gửi lên cổng dịch vụ công ngay khi có mạng.</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="543"/>
        <source>Change</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="545"/>
        <source>Change: {0}</source>
        <translation>Sửa: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/form_pages.py" line="555"/>
        <source>Not given</source>
        <translation>Không khai</translation>
    </message>
    <message>
        <source>Check your answers</source>
        <translation>Kiểm tra thông tin</translation>
    </message>
    <message>
        <source>Save and send</source>
        <translation>Lưu và gửi hồ sơ</translation>
    </message>
    <message>
        <source>Total: {0} dong</source>
        <translation>Tổng cộng: {0} đồng</translation>
    </message>
    <message>
        <source>No fee</source>
        <translation>Không mất lệ phí</translation>
    </message>
    <message>
        <source>The amount is province data that may be out of date; the officer confirms it at the counter.</source>
        <translation>Mức thu là dữ liệu của tỉnh, có thể đã thay đổi; cán bộ xác nhận lại khi tiếp nhận.</translation>
    </message>
</context>
<context>
    <name>ShellHeader</name>
    <message>
        <source>Public Service Assistant</source>
        <translation>Trợ lý Dịch vụ công</translation>
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
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Đăng ký</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../app/views/sign_in.py" line="77"/>
        <location filename="../app/views/sign_in.py" line="111"/>
        <location filename="../app/views/sign_in.py" line="140"/>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="116"/>
        <location filename="../app/views/sign_in.py" line="124"/>
        <location filename="../app/views/sign_in.py" line="177"/>
        <location filename="../app/views/sign_in.py" line="185"/>
        <source>Phone number or ID number</source>
        <translation>Số điện thoại hoặc số CMND/CCCD</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="118"/>
        <source>Officers: your login name</source>
        <translation>Cán bộ: nhập tên đăng nhập của mình</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="127"/>
        <location filename="../app/views/sign_in.py" line="131"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="143"/>
        <source>Forgot password?</source>
        <translation>Quên mật khẩu?</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="146"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="154"/>
        <source>No account yet? Register</source>
        <translation>Chưa có tài khoản? Đăng ký</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="161"/>
        <source>The National Public Service Portal signs citizens in with VNeID since 1 July 2024 (Decree 69/2024/NĐ-CP). This account is for this portal only.</source>
        <translation>Từ ngày 1/7/2024 (Nghị định 69/2024/NĐ-CP), Cổng Dịch vụ công Quốc gia đăng nhập bằng VNeID. Tài khoản ở đây chỉ dùng cho cổng này.</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="174"/>
        <source>Forgot password</source>
        <translation>Quên mật khẩu</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="175"/>
        <source>We send a code by SMS to the phone of the account; with it you choose a new password.</source>
        <translation>Mã xác thực sẽ được gửi qua SMS tới số điện thoại của tài khoản; nhập mã đó để đặt mật khẩu mới.</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="187"/>
        <source>Send the code</source>
        <translation>Gửi mã</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="200"/>
        <location filename="../app/views/sign_in.py" line="204"/>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="210"/>
        <location filename="../app/views/sign_in.py" line="214"/>
        <source>Repeat the new password</source>
        <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="225"/>
        <source>‹ Back to sign in</source>
        <translation>‹ Quay lại đăng nhập</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="228"/>
        <source>Set the new password</source>
        <translation>Đặt mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="274"/>
        <location filename="../app/views/sign_in.py" line="320"/>
        <source>Enter the phone number or ID number.</source>
        <translation>Hãy nhập số điện thoại hoặc số CMND/CCCD.</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="278"/>
        <source>Enter the password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <location filename="../app/views/sign_in.py" line="341"/>
        <source>The code has 6 digits.</source>
        <translation>Mã OTP gồm 6 chữ số.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../app/views/main_window.py" line="60"/>
        <source>● Starting…</source>
        <translation>● Đang khởi động…</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="61"/>
        <source>● Syncing…</source>
        <translation>● Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="62"/>
        <source>● Online</source>
        <translation>● Trực tuyến</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="63"/>
        <source>● Offline</source>
        <translation>● Ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="64"/>
        <source>● Sign-in needed</source>
        <translation>● Cần đăng nhập lại</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="78"/>
        <source>Waiting to send: {0}</source>
        <translation>Chờ gửi: {0}</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="85"/>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <location filename="../app/views/main_window.py" line="86"/>
        <source>Last sync: {0}</source>
        <translation>Đồng bộ lần cuối: {0}</translation>
    </message>
</context>
<context>
    <name>TypePage</name>
    <message>
        <location filename="../app/views/account_wizard.py" line="105"/>
        <source>Which kind of account?</source>
        <translation>Bạn đăng ký loại tài khoản nào?</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="106"/>
        <source>Choose the kind of account to register (Step 3 of the guide).</source>
        <translation>Chọn loại tài khoản cần đăng ký (Bước 3 của hướng dẫn).</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="107"/>
        <source>Citizen (Công dân)</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="108"/>
        <source>Business (Doanh nghiệp)</source>
        <translation>Doanh nghiệp</translation>
    </message>
    <message>
        <location filename="../app/views/account_wizard.py" line="109"/>
        <source>State agency (Cơ quan nhà nước)</source>
        <translation>Cơ quan nhà nước</translation>
    </message>
    <message>
        <source>Choose the kind of account.</source>
        <translation>Hãy chọn loại tài khoản.</translation>
    </message>
    <message>
        <source>Kind of account: choose one of the kinds below.</source>
        <translation>Loại tài khoản: hãy chọn một trong các loại dưới đây.</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw the dossier</source>
        <translation>Rút hồ sơ</translation>
    </message>
    <message>
        <source>The citizen asks to withdraw this dossier. Reason (kept in its history):</source>
        <translation>Công dân xin rút hồ sơ này. Lý do (được ghi vào quá trình xử lý):</translation>
    </message>
    <message>
        <source>The citizen asks to withdraw this dossier. The office stops working on it; this cannot be undone (the citizen may file again).</source>
        <translation>Công dân xin rút hồ sơ này. Cơ quan dừng giải quyết; không hoàn tác được (công dân có thể nộp lại hồ sơ mới).</translation>
    </message>
    <message>
        <source>Reason (kept in its history):</source>
        <translation>Lý do (được ghi vào quá trình xử lý):</translation>
    </message>
</context>
<context>
    <name>WizardFrame</name>
    <message>
        <source>‹ Back</source>
        <translation>‹ Quay lại</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation>Bước {0}/{1}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hoàn tất</translation>
    </message>
</context>
<context>
    <name>WizardResume</name>
    <message>
        <source>Saved as a draft at {0} (reference {1}). Find it again under “Drafts” on the first page; drafts are deleted after {2} days.</source>
        <translation>Đã lưu nháp lúc {0} (mã tham chiếu {1}). Mở lại trong “Hồ sơ nháp” ở trang đầu; hồ sơ nháp được xóa sau {2} ngày.</translation>
    </message>
    <message>
        <source>The draft could not be saved: {0}</source>
        <translation>Không lưu nháp được: {0}</translation>
    </message>
    <message>
        <source>Could not open the draft: {0}</source>
        <translation>Không mở được hồ sơ nháp: {0}</translation>
    </message>
    <message>
        <source>This draft can no longer be opened (it was deleted, or its procedure is no longer offered).</source>
        <translation>Không mở được hồ sơ nháp này nữa (nháp đã bị xóa, hoặc thủ tục không còn được cung cấp).</translation>
    </message>
    <message>
        <source>Draft resumed. Check each page, then save and send it, or save it again as a draft.</source>
        <translation>Đã mở lại hồ sơ nháp. Hãy kiểm tra từng trang rồi lưu và gửi, hoặc lưu nháp lần nữa.</translation>
    </message>
    <message>
        <source>Supplement requested for dossier {0}. The officer&apos;s note: {1}</source>
        <translation>Hồ sơ {0} được yêu cầu bổ sung. Ghi chú của cán bộ: {1}</translation>
    </message>
    <message>
        <source>(no note)</source>
        <translation>(không có ghi chú)</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <source>Commune or ward</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>Type to find the commune/ward</source>
        <translation>Gõ để tìm xã/phường</translation>
    </message>
    <message>
        <source>Communes and wards that match</source>
        <translation>Các xã/phường khớp</translation>
    </message>
    <message>
        <source>No commune or ward of {0} matches “{1}”. Check the name, or the province.</source>
        <translation>Không có xã/phường nào của {0} khớp với “{1}”. Hãy kiểm tra lại tên, hoặc tỉnh/thành phố.</translation>
    </message>
    <message>
        <source>{0} match(es). Press ↓ to go through them and Enter to choose, or click one.</source>
        <translation>Có {0} xã/phường khớp. Nhấn ↓ để lần lượt xem, Enter để chọn, hoặc bấm vào một xã/phường.</translation>
    </message>
    <message>
        <source>Not chosen yet: choose a commune or ward in the list.</source>
        <translation>Chưa chọn: hãy chọn một xã/phường trong danh sách.</translation>
    </message>
</context>
<context>
    <name>SavePdfDialog</name>
    <message>
        <source>Save the form as PDF</source>
        <translation>Lưu biểu mẫu thành tệp PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>QueueListModel</name>
    <message>
        <source>Alt+{0}: open this worklist</source>
        <translation>Alt+{0}: mở danh sách này</translation>
    </message>
</context>
<context>
    <name>WorklistTableModel</name>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kênh nộp</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hạn trả kết quả</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Còn</translation>
    </message>
    <message>
        <source>Fee (VND)</source>
        <translation>Phí, lệ phí (đồng)</translation>
    </message>
    <message>
        <source>Working days left to the due date</source>
        <translation>Số ngày làm việc còn lại đến hạn trả kết quả</translation>
    </message>
    <message>
        <source>late</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <source>Not moved for {0} working days: due in {1} working day(s).</source>
        <translation>Chưa xử lý tiếp {0} ngày làm việc; còn {1} ngày làm việc đến hạn.</translation>
    </message>
    <message>
        <source>Past its due date.</source>
        <translation>Đã quá hạn trả kết quả.</translation>
    </message>
</context>
<context>
    <name>OfficerWorklistView</name>
    <message>
        <source>Worklists</source>
        <translation>Danh sách công việc</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Read the worklists from the portal again (Ctrl+R)</source>
        <translation>Đọc lại danh sách công việc từ cổng (Ctrl+R)</translation>
    </message>
    <message>
        <source>Show only these</source>
        <translation>Chỉ xem các hồ sơ này</translation>
    </message>
    <message>
        <source>Name, ID number or dossier code (Ctrl+F)</source>
        <translation>Họ tên, số CCCD hoặc mã hồ sơ (Ctrl+F)</translation>
    </message>
    <message>
        <source>Every procedure</source>
        <translation>Mọi thủ tục</translation>
    </message>
    <message>
        <source>Every channel</source>
        <translation>Mọi kênh nộp</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>Nhận từ ngày</translation>
    </message>
    <message>
        <source>Received until</source>
        <translation>Nhận đến ngày</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Nhận từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>(— : no limit)</source>
        <translation>(— : không giới hạn)</translation>
    </message>
    <message>
        <source>{0} dossier(s) in this list have not moved for {1} working days or more and are not yet overdue.</source>
        <translation>{0} hồ sơ trong danh sách này chưa được xử lý tiếp từ {1} ngày làm việc trở lên, chưa quá hạn: hãy xử lý trước khi quá hạn.</translation>
    </message>
    <message>
        <source>The worklists have not been read from the portal yet.</source>
        <translation>Chưa đọc danh sách công việc từ cổng.</translation>
    </message>
    <message>
        <source>Read from the portal at {0}.</source>
        <translation>Đọc từ cổng lúc {0}.</translation>
    </message>
    <message>
        <source>Reading the portal…</source>
        <translation>Đang đọc cổng…</translation>
    </message>
    <message>
        <source>Copy saved at {0}, just now.</source>
        <translation>Bản lưu lúc {0}, vừa xong.</translation>
    </message>
    <message>
        <source>Copy saved at {0}, {1} min ago.</source>
        <translation>Bản lưu lúc {0}, {1} phút trước.</translation>
    </message>
    <message>
        <source>Copy saved at {0}, {1} h {2} min ago.</source>
        <translation>Bản lưu lúc {0}, {1} giờ {2} phút trước.</translation>
    </message>
    <message>
        <source>Copy saved at {0}, {1} day(s) ago.</source>
        <translation>Bản lưu lúc {0}, {1} ngày trước.</translation>
    </message>
    <message>
        <source>{0} dossier(s)</source>
        <translation>{0} hồ sơ</translation>
    </message>
</context>
<context>
    <name>DossierPane</name>
    <message>
        <source>Choose a dossier in the list to see its details.</source>
        <translation>Chọn một hồ sơ trong danh sách để xem chi tiết.</translation>
    </message>
    <message>
        <source>Reading its history from the portal…</source>
        <translation>Đang đọc quá trình xử lý từ cổng…</translation>
    </message>
    <message>
        <source>The portal cannot be reached: the history is shown when it answers.</source>
        <translation>Không kết nối được cổng: quá trình xử lý sẽ hiện khi cổng trả lời.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Quá trình xử lý</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <source>{0} working day(s)</source>
        <translation>{0} ngày làm việc</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số CMND/CCCD</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kênh nộp</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hạn trả kết quả</translation>
    </message>
    <message>
        <source>Working days left</source>
        <translation>Còn lại</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>not moved for {0} working days</source>
        <translation>chưa xử lý tiếp {0} ngày làm việc</translation>
    </message>
</context>
<context>
    <name>OfficerWorkspace</name>
    <message>
        <source>Could not read the worklists: {0}</source>
        <translation>Không đọc được danh sách công việc: {0}</translation>
    </message>
</context>
<context>
    <name>CsvPathDialog</name>
    <message>
        <source>Export the figures</source>
        <translation>Xuất số liệu</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Settled on time</source>
        <translation>Giải quyết đúng hạn</translation>
    </message>
    <message>
        <source>Filed online</source>
        <translation>Nộp trực tuyến</translation>
    </message>
    <message>
        <source>Dossiers digitised</source>
        <translation>Hồ sơ được số hóa</translation>
    </message>
    <message>
        <source>Results digitised</source>
        <translation>Kết quả được số hóa</translation>
    </message>
    <message>
        <source>Paid online</source>
        <translation>Thanh toán trực tuyến</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>By week (the Monday it starts)</source>
        <translation>Theo tuần (ngày thứ Hai đầu tuần)</translation>
    </message>
    <message>
        <source>By procedure</source>
        <translation>Theo thủ tục</translation>
    </message>
    <message>
        <source>The commune's figures</source>
        <translation>Số liệu của xã</translation>
    </message>
    <message>
        <source>(QĐ 766/QĐ-TTg index)</source>
        <translation>(Bộ chỉ số theo QĐ 766/QĐ-TTg)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Show figures</source>
        <translation>Xem số liệu</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <source>{0}.{1} %</source>
        <translation>{0},{1} %</translation>
    </message>
    <message>
        <source>Reading the figures from the portal…</source>
        <translation>Đang lấy số liệu từ cổng…</translation>
    </message>
    <message>
        <source>No figures read yet.</source>
        <translation>Chưa có số liệu nào được đọc.</translation>
    </message>
    <message>
        <source>From the portal at {0}, {1} to {2}.</source>
        <translation>Số liệu của cổng lúc {0}, từ {1} đến {2}.</translation>
    </message>
    <message>
        <source>{0} Showing the {1}, {2} to {3}.</source>
        <translation>{0} Đang hiện {1}, từ {2} đến {3}.</translation>
    </message>
    <message>
        <source>The portal was not read.</source>
        <translation>Chưa đọc được cổng.</translation>
    </message>
    <message>
        <source>{0} of {1} settled</source>
        <translation>{0}/{1} hồ sơ đã giải quyết</translation>
    </message>
    <message>
        <source>{0} of {1} received</source>
        <translation>{0}/{1} hồ sơ tiếp nhận</translation>
    </message>
    <message>
        <source>{0} of {1} returned</source>
        <translation>{0}/{1} kết quả đã trả</translation>
    </message>
    <message>
        <source>{0} of {1} fees paid</source>
        <translation>{0}/{1} lượt nộp phí</translation>
    </message>
    <message>
        <source>due in the period, missed</source>
        <translation>hồ sơ đến hạn trong kỳ mà trễ hạn</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Giải quyết xong</translation>
    </message>
    <message>
        <source>No dossier in these days.</source>
        <translation>Không có hồ sơ nào trong khoảng ngày này.</translation>
    </message>
    <message>
        <source>{0} %</source>
        <translation>{0} %</translation>
    </message>
    <message>
        <source>target ≥ {0}</source>
        <translation>chỉ tiêu ≥ {0}</translation>
    </message>
    <message>
        <source>met</source>
        <translation>đạt</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>chưa đạt</translation>
    </message>
</context>
<context>
    <name>DashboardWorkspace</name>
    <message>
        <source>Could not read the figures: {0}</source>
        <translation>Không đọc được số liệu: {0}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Figures saved to {0}</source>
        <translation>Đã lưu số liệu vào {0}</translation>
    </message>
    <message>
        <source>Could not save the figures: {0}</source>
        <translation>Không lưu được số liệu: {0}</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Filled in from the person making the request, who is this person. Check each answer and correct it if needed.</source>
        <translation>Đã điền sẵn từ thông tin người yêu cầu (người yêu cầu chính là người này). Hãy kiểm tra từng mục và sửa nếu cần.</translation>
    </message>
    <message>
        <source>Same address as {0}</source>
        <translation>Cùng nơi cư trú với {0}</translation>
    </message>
</context>
<context>
    <name>PhonePanel</name>
    <message>
        <source>Waiting for messages from the sandbox…</source>
        <translation>Đang chờ tin nhắn từ máy chủ thử nghiệm…</translation>
    </message>
    <message>
        <source>{0} messages received.</source>
        <translation>Đã nhận {0} tin nhắn.</translation>
    </message>
    <message>
        <source>The sandbox does not answer yet: {0}</source>
        <translation>Máy chủ thử nghiệm chưa trả lời: {0}</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <source>Simulated phone</source>
        <translation>Điện thoại mô phỏng</translation>
    </message>
    <message>
        <source>Citizen's view</source>
        <translation>Xem như công dân</translation>
    </message>
    <message>
        <source>Sign in as the demo citizen</source>
        <translation>Đăng nhập bằng tài khoản công dân mẫu</translation>
    </message>
    <message>
        <source>Officer's view</source>
        <translation>Xem như cán bộ</translation>
    </message>
    <message>
        <source>Sign in as the demo officer</source>
        <translation>Đăng nhập bằng tài khoản cán bộ mẫu</translation>
    </message>
    <message>
        <source>Reset the demo data…</source>
        <translation>Đặt lại dữ liệu mẫu…</translation>
    </message>
    <message>
        <source>Signed in as {0}.</source>
        <translation>Đã đăng nhập: {0}.</translation>
    </message>
    <message>
        <source>Reset the demo data</source>
        <translation>Đặt lại dữ liệu mẫu</translation>
    </message>
    <message>
        <source>Put the training sandbox back to its seeded state?

Every dossier, draft, account and message made in this workshop — on the sandbox portal and on this computer — is deleted; the demo citizen, officer and commune come back as they were. This cannot be undone.</source>
        <translation>Đưa môi trường đào tạo về dữ liệu mẫu ban đầu?

Mọi hồ sơ, bản nháp, tài khoản và tin nhắn tạo ra trong buổi đào tạo này — trên máy chủ thử nghiệm và trên máy tính này — sẽ bị xóa; công dân mẫu, cán bộ mẫu và xã mẫu trở lại như ban đầu. Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Resetting the demo data…</source>
        <translation>Đang đặt lại dữ liệu mẫu…</translation>
    </message>
    <message>
        <source>The demo data is as seeded again ({0:.1f} s).</source>
        <translation>Dữ liệu mẫu đã trở lại như ban đầu ({0:.1f} giây).</translation>
    </message>
    <message>
        <source>The reset failed: {0}</source>
        <translation>Đặt lại không thành công: {0}</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Write the reason: it is kept in the dossier&apos;s history and sent to the applicant.</source>
        <translation>Hãy ghi lý do: lý do được lưu vào quá trình xử lý hồ sơ và gửi cho người nộp.</translation>
    </message>
</context>
<context>
    <name>DossierActions</name>
    <message>
        <source>Offline: the action waits on this computer and is sent when the portal answers.</source>
        <translation>Đang mất kết nối: thao tác được giữ trên máy và sẽ gửi khi cổng trả lời.</translation>
    </message>
    <message>
        <source>Taken back before it was sent: {0}.</source>
        <translation>Đã hoàn tác trước khi gửi: {0}.</translation>
    </message>
    <message>
        <source>Nothing left to take back: it was sent.</source>
        <translation>Không còn gì để hoàn tác: thao tác đã được gửi.</translation>
    </message>
    <message>
        <source>Reason (sent to the applicant):</source>
        <translation>Lý do (gửi cho người nộp):</translation>
    </message>
    <message>
        <source>Note (optional):</source>
        <translation>Ghi chú (không bắt buộc):</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Đã hủy: không có gì thay đổi.</translation>
    </message>
    <message>
        <source>“{0}” is queued and sent with the next sync.</source>
        <translation>“{0}” đã được xếp hàng và sẽ gửi ở lần đồng bộ tới.</translation>
    </message>
</context>
<context>
    <name>DossierDetailPane</name>
    <message>
        <source>Enter or double click: open the document in the system&apos;s viewer</source>
        <translation>Enter hoặc nhấp đúp: mở giấy tờ bằng trình xem của máy</translation>
    </message>
    <message>
        <source>Reload the dossier</source>
        <translation>Tải lại hồ sơ</translation>
    </message>
    <message>
        <source>Undo (not yet sent)</source>
        <translation>Hoàn tác (chưa gửi)</translation>
    </message>
    <message>
        <source>Take back the action waiting on this computer before it reaches the portal (Ctrl+Z)</source>
        <translation>Rút lại thao tác đang chờ trên máy trước khi tới cổng (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Waiting to be sent: {0}. It is sent with the next sync, also after a loss of network.</source>
        <translation>Đang chờ gửi: {0}. Thao tác được gửi ở lần đồng bộ tới, kể cả sau khi mất mạng.</translation>
    </message>
    <message>
        <source>“{0}” was not applied: a colleague changed the dossier first.</source>
        <translation>Chưa thực hiện “{0}”: một cán bộ khác đã thay đổi hồ sơ trước.</translation>
    </message>
    <message>
        <source>It is now “{0}”.</source>
        <translation>Hồ sơ hiện ở trạng thái “{0}”.</translation>
    </message>
    <message>
        <source>Last change: {0} by {1} at {2}.</source>
        <translation>Lần thay đổi cuối: {0} — {1}, lúc {2}.</translation>
    </message>
    <message>
        <source>Look at the dossier as it is now and decide again.</source>
        <translation>Hãy xem hồ sơ như hiện nay rồi quyết định lại.</translation>
    </message>
    <message>
        <source>Due: {0}</source>
        <translation>Hạn trả kết quả: {0}</translation>
    </message>
    <message>
        <source>Received {0}, after {1}: the time limit counts from the next working day.</source>
        <translation>Tiếp nhận lúc {0}, sau {1}: thời hạn tính từ ngày làm việc tiếp theo.</translation>
    </message>
    <message>
        <source>Received {0}.</source>
        <translation>Tiếp nhận lúc {0}.</translation>
    </message>
    <message>
        <source>Days off not counted: {0}.</source>
        <translation>Ngày nghỉ không tính: {0}.</translation>
    </message>
    <message>
        <source>Not yet officially announced (UNCONFIRMED): {0}.</source>
        <translation>Ngày nghỉ chưa được công bố chính thức (UNCONFIRMED): {0}.</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Quá trình xử lý</translation>
    </message>
    <message>
        <source>Status on the portal now: {0}</source>
        <translation>Trạng thái hiện nay trên cổng: {0}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return the result — {0}</source>
        <translation>Trả kết quả — {0}</translation>
    </message>
    <message>
        <source>The applicant asked: {0}</source>
        <translation>Người nộp đã chọn: {0}</translation>
    </message>
    <message>
        <source>No electronic result attached.</source>
        <translation>Chưa đính kèm kết quả điện tử.</translation>
    </message>
    <message>
        <source>Attach the result file…</source>
        <translation>Đính kèm tệp kết quả…</translation>
    </message>
    <message>
        <source>Return the result</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>The electronic result</source>
        <translation>Kết quả điện tử</translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>PDF hoặc ảnh (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <source>Request a supplement — {0}</source>
        <translation>Yêu cầu bổ sung hồ sơ — {0}</translation>
    </message>
    <message>
        <source>Tick every component that is missing or wrong and say why. The applicant receives them all in one request.</source>
        <translation>Đánh dấu mọi thành phần còn thiếu hoặc chưa đúng và ghi lý do. Người nộp nhận tất cả trong một lần yêu cầu.</translation>
    </message>
    <message>
        <source>Reason (e.g. the scan cannot be read)</source>
        <translation>Lý do (ví dụ: bản chụp không đọc được)</translation>
    </message>
    <message>
        <source>Note to the applicant (optional):</source>
        <translation>Ghi chú cho người nộp (không bắt buộc):</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>Gửi yêu cầu bổ sung</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Reason missing for: {0}</source>
        <translation>Chưa ghi lý do cho: {0}</translation>
    </message>
</context>
</TS>
