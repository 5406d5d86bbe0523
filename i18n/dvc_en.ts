<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttachmentRow</name>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen — drop a file here or choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove file for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsPage</name>
    <message>
        <source>Attach the dossier documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a scan or a photo of each document: PDF, JPEG or PNG, at most {0} per file. Files are checked by their content, not by their name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a scan or photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans and photos (*.pdf *.jpg *.jpeg *.png);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmationPage</name>
    <message>
        <source>Dossier saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier code: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal status: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dossier is kept safely on this computer and is sent to the portal automatically as soon as the network allows. Keep the reference &lt;b&gt;{0}&lt;/b&gt; to ask about it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the portal receives it, it gives the official dossier code, shown here and in “Dossiers on this computer”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fee is set by the province and may have changed: check it at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DossierDetails</name>
    <message>
        <source>Choose a dossier in the list to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive (officer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox portal: receive this dossier as the commune officer would</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last problem: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DossierListView</name>
    <message>
        <source>Dossiers on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} dossier(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DossierWizard</name>
    <message>
        <source>‹ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the previous step (Alt+Left); answers are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File a new dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person making the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is filing the dossier. Details on the chip ID card are enough; the portal does not ask for them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the declaration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting up, please wait…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the check page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a procedure from the list. Try another word if nothing is found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting up, please wait a moment and choose the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dossier could not be saved on this computer: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorSummary</name>
    <message>
        <source>There is a problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source>{0} (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day/month/year, for example 05/03/2024</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Four digits, for example 1995</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12 digits on the chip ID card (old ID card: 9 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile number, for example 0912345678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example name@example.vn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— Choose —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Public Service Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRAINING ENVIRONMENT — demo data, nothing is really filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File a dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossiers on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the local database and the portal connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send waiting dossiers and fetch new statuses (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File a dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dossiers on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local data could not be opened: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossiers on this computer ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the local list: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending “receive” to the portal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal accepted the action; fetching the new status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dossier is now “{0}” on the portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+N  new dossier
Ctrl+Enter  continue / send
Alt+Left  back
F5  send now
Ctrl+1  file a dossier
Ctrl+2  dossiers on this computer
Ctrl+Q  quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message>
        <source>Which procedure do you need?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, code or everyday words, with or without diacritics (for example: khai sinh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search procedures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedures found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} procedure(s) found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All procedures ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fully online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partly online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code {0} · level {1} ({2}) · {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} dong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Check your answers before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now save and send the dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By sending this dossier you confirm that the information is true and you take responsibility for it. The dossier is saved on this computer first and sent to the portal as soon as the network allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>● Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Sign-in needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to send: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
