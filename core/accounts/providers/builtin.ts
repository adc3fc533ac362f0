/**
 * The curated provider database, in Thunderbird's config-v1.1.xml format (one document per
 * provider), kept as text in a module so it ships with the compiled code and the bundles.
 *
 * Sources: the providers' own help pages and Thunderbird's ISPDB (github.com/thunderbird/autoconfig,
 * ispdb/). Where the two disagree we follow the provider's current documentation and say so; where
 * we could not confirm a value it is marked "unverified" and taken from the ISPDB. Besides the
 * mail domains each provider lists the domains of its MX hosts, so a custom domain hosted there
 * is found through its MX record (see mx.ts for how an MX host is reduced to a domain).
 *
 * OAuth2 endpoints are public per-provider facts; client IDs are configuration and never here.
 */

const GOOGLE = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="google.com">
    <domain>gmail.com</domain>
    <domain>googlemail.com</domain>
    <!-- MX of Google Workspace domains: aspmx.l.google.com, alt1.aspmx.l.google.com, smtp.google.com -->
    <domain>google.com</domain>
    <displayName>Google Mail</displayName>
    <displayShortName>Gmail</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.gmail.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.gmail.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.gmail.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.gmail.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://support.google.com/mail/answer/7126229">
      <descr lang="en">Use IMAP to check Gmail messages on other email clients (password login needs an app password)</descr>
    </documentation>
  </emailProvider>
  <!-- https://developers.google.com/identity/protocols/oauth2/native-app ; the mail scope only. -->
  <oAuth2>
    <issuer>accounts.google.com</issuer>
    <scope>https://mail.google.com/</scope>
    <authURL>https://accounts.google.com/o/oauth2/v2/auth</authURL>
    <tokenURL>https://oauth2.googleapis.com/token</tokenURL>
  </oAuth2>
</clientConfig>
`;

// Microsoft: the same endpoints serve Outlook.com and Microsoft 365 (Office 365). The
// "common" tenant accepts both personal and work accounts (Microsoft identity platform v2.0).
const MICROSOFT_OAUTH2 = `
  <oAuth2>
    <issuer>login.microsoftonline.com</issuer>
    <scope>https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access</scope>
    <authURL>https://login.microsoftonline.com/common/oauth2/v2.0/authorize</authURL>
    <tokenURL>https://login.microsoftonline.com/common/oauth2/v2.0/token</tokenURL>
  </oAuth2>`;

const OUTLOOK = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="outlook.com">
    <domain>outlook.com</domain>
    <domain>hotmail.com</domain>
    <domain>live.com</domain>
    <domain>msn.com</domain>
    <domain>windowslive.com</domain>
    <domain>outlook.jp</domain>
    <domain>hotmail.co.jp</domain>
    <domain>live.jp</domain>
    <domain>hotmail.co.uk</domain>
    <domain>hotmail.de</domain>
    <domain>hotmail.fr</domain>
    <domain>outlook.de</domain>
    <domain>outlook.fr</domain>
    <!-- MX of consumer domains, e.g. eur.olc.protection.outlook.com -->
    <domain>olc.protection.outlook.com</domain>
    <displayName>Outlook.com (Microsoft)</displayName>
    <displayShortName>Outlook</displayShortName>
    <!-- Microsoft has turned basic (password) authentication off for Outlook.com: OAuth2 only. -->
    <incomingServer type="imap">
      <hostname>outlook.office365.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>outlook.office365.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp-mail.outlook.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.office365.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
    </outgoingServer>
    <documentation url="https://support.microsoft.com/office/pop-imap-and-smtp-settings-for-outlook-com-d088b986-291d-42b8-9564-9c414e2aa040">
      <descr lang="en">POP, IMAP, and SMTP settings for Outlook.com</descr>
    </documentation>
  </emailProvider>${MICROSOFT_OAUTH2}
</clientConfig>
`;

const OFFICE365 = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="office365.com">
    <domain>office365.com</domain>
    <domain>onmicrosoft.com</domain>
    <!-- MX of Microsoft 365 tenant domains: contoso-com.mail.protection.outlook.com -->
    <domain>mail.protection.outlook.com</domain>
    <displayName>Microsoft 365</displayName>
    <displayShortName>Microsoft 365</displayShortName>
    <incomingServer type="imap">
      <hostname>outlook.office365.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>outlook.office365.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.office365.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/pop3-and-imap4/pop3-and-imap4">
      <descr lang="en">POP3 and IMAP4 in Exchange Online (basic authentication is being retired; use OAuth2)</descr>
    </documentation>
  </emailProvider>${MICROSOFT_OAUTH2}
</clientConfig>
`;

const ICLOUD = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="icloud.com">
    <domain>icloud.com</domain>
    <domain>me.com</domain>
    <domain>mac.com</domain>
    <!-- MX: mx01.mail.icloud.com (custom domains in iCloud+) -->
    <domain>mail.icloud.com</domain>
    <displayName>Apple iCloud</displayName>
    <displayShortName>iCloud</displayShortName>
    <!-- Apple (support.apple.com/102525): IMAP user name is the part before the @, SMTP uses the
         full address; both need an app-specific password. -->
    <incomingServer type="imap">
      <hostname>imap.mail.me.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.mail.me.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://support.apple.com/102525">
      <descr lang="en">iCloud Mail server settings for other email client apps</descr>
    </documentation>
  </emailProvider>
</clientConfig>
`;

const YAHOO = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="yahoo.com">
    <domain>yahoo.com</domain>
    <domain>ymail.com</domain>
    <domain>rocketmail.com</domain>
    <domain>yahoo.co.uk</domain>
    <domain>yahoo.de</domain>
    <domain>yahoo.fr</domain>
    <domain>yahoo.it</domain>
    <domain>yahoo.es</domain>
    <domain>yahoo.ca</domain>
    <domain>yahoo.com.au</domain>
    <domain>yahoo.com.br</domain>
    <!-- MX: mta5.am0.yahoodns.net (unverified label "am0"; the AOL file claims mail.gm0.yahoodns.net) -->
    <domain>am0.yahoodns.net</domain>
    <displayName>Yahoo! Mail</displayName>
    <displayShortName>Yahoo</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.mail.yahoo.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.mail.yahoo.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.mail.yahoo.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.mail.yahoo.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://help.yahoo.com/kb/SLN4075.html">
      <descr lang="en">IMAP server settings for Yahoo Mail (password login needs an app password)</descr>
    </documentation>
  </emailProvider>
</clientConfig>
`;

const AOL = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="aol.com">
    <domain>aol.com</domain>
    <domain>aim.com</domain>
    <domain>netscape.net</domain>
    <domain>compuserve.com</domain>
    <domain>aol.de</domain>
    <domain>aol.fr</domain>
    <domain>aol.co.uk</domain>
    <!-- MX: mx-aol.mail.gm0.yahoodns.net (from the ISPDB) -->
    <domain>mail.gm0.yahoodns.net</domain>
    <displayName>AOL Mail</displayName>
    <displayShortName>AOL</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.aol.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.aol.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.aol.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://help.aol.com/articles/how-do-i-use-other-email-applications-to-send-and-receive-my-aol-mail">
      <descr lang="en">Use other email applications with AOL Mail (password login needs an app password)</descr>
    </documentation>
  </emailProvider>
</clientConfig>
`;

const GMX_NET = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="gmx.net">
    <domain>gmx.net</domain>
    <domain>gmx.de</domain>
    <domain>gmx.at</domain>
    <domain>gmx.ch</domain>
    <domain>gmx.eu</domain>
    <displayName>GMX Freemail</displayName>
    <displayShortName>GMX</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.gmx.net</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.gmx.net</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>mail.gmx.net</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>mail.gmx.net</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://hilfe.gmx.net/pop-imap/imap/imap-serverdaten.html">
      <descr lang="de">IMAP-Serverdaten</descr>
    </documentation>
    <enable visiturl="https://hilfe.gmx.net/pop-imap/einschalten.html">
      <instruction lang="en">Allow access via POP3 and IMAP once in the e-mail settings of your GMX account.</instruction>
    </enable>
  </emailProvider>
</clientConfig>
`;

const GMX_COM = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="gmx.com">
    <domain>gmx.com</domain>
    <domain>gmx.us</domain>
    <domain>gmx.co.uk</domain>
    <displayName>GMX.com</displayName>
    <displayShortName>GMX</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.gmx.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.gmx.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>mail.gmx.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>mail.gmx.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;

const FASTMAIL = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="fastmail.com">
    <domain>fastmail.com</domain>
    <domain>fastmail.fm</domain>
    <domain>fastmail.jp</domain>
    <!-- MX of custom domains: in1-smtp.messagingengine.com -->
    <domain>messagingengine.com</domain>
    <displayName>Fastmail</displayName>
    <displayShortName>Fastmail</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.fastmail.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.fastmail.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.fastmail.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.fastmail.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://www.fastmail.help/hc/en-us/articles/1500000278342-Server-names-and-ports">
      <descr lang="en">Server names and ports (password login needs an app password)</descr>
    </documentation>
  </emailProvider>
</clientConfig>
`;

const ZOHO = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="zoho.com">
    <domain>zoho.com</domain>
    <domain>zohomail.com</domain>
    <!-- MX of custom domains: mx.zoho.com -->
    <displayName>Zoho Mail</displayName>
    <displayShortName>Zoho</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.zoho.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.zoho.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.zoho.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.zoho.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://www.zoho.com/mail/help/imap-access.html">
      <descr lang="en">IMAP access (enable IMAP in the Zoho Mail settings first; Zoho serves other regions from imap.zoho.eu, imap.zoho.in, ...)</descr>
    </documentation>
  </emailProvider>
</clientConfig>
`;

const YAHOO_JAPAN = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="yahoo.co.jp">
    <domain>yahoo.co.jp</domain>
    <domain>ymail.ne.jp</domain>
    <displayName>Yahoo!メール (Yahoo! JAPAN)</displayName>
    <displayShortName>Yahoo! JAPAN</displayShortName>
    <!-- The user name is the Yahoo! JAPAN ID, which for most addresses is the part before the @;
         unverified for @ymail.ne.jp addresses. -->
    <incomingServer type="imap">
      <hostname>imap.mail.yahoo.co.jp</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.mail.yahoo.co.jp</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.mail.yahoo.co.jp</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <enable visiturl="https://mail.yahoo.co.jp/">
      <instruction lang="ja">メールの設定で「IMAP/POP/SMTPアクセス」を有効にしてください。</instruction>
      <instruction lang="en">Enable IMAP/POP/SMTP access in the Yahoo! Mail settings first.</instruction>
    </enable>
  </emailProvider>
</clientConfig>
`;

const DOCOMO = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="docomo.ne.jp">
    <domain>docomo.ne.jp</domain>
    <displayName>ドコモメール (NTT docomo)</displayName>
    <displayShortName>docomo</displayShortName>
    <!-- docomo mail over IMAP (docomo's "IMAP interface specification"): the user name is the
         d ACCOUNT ID, which cannot be derived from the address; the address is only a default. -->
    <incomingServer type="imap">
      <hostname>imap.spmode.ne.jp</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.spmode.ne.jp</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <enable visiturl="https://www.docomo.ne.jp/service/docomo_mail/">
      <instruction lang="ja">ユーザー名はdアカウントのID、パスワードはMy docomoで発行するIMAP専用パスワードです。</instruction>
      <instruction lang="en">The user name is your d ACCOUNT ID; the password is the IMAP-only password issued in My docomo.</instruction>
    </enable>
  </emailProvider>
</clientConfig>
`;

const AU = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="au.com">
    <domain>au.com</domain>
    <domain>ezweb.ne.jp</domain>
    <displayName>auメール (KDDI)</displayName>
    <displayShortName>au</displayShortName>
    <!-- Unverified: host names and ports as commonly documented for auメール over IMAP; the user
         name is taken to be the part before the @. -->
    <incomingServer type="imap">
      <hostname>imap.au.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.au.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;

const SOFTBANK = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="i.softbank.jp">
    <domain>i.softbank.jp</domain>
    <displayName>SoftBank Eメール(i)</displayName>
    <displayShortName>SoftBank</displayShortName>
    <!-- Unverified: SoftBank documents imap.softbank.jp / smtp.softbank.jp for Eメール(i);
         the user name is taken to be the part before the @. -->
    <incomingServer type="imap">
      <hostname>imap.softbank.jp</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.softbank.jp</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;

const OCN = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="ocn.ne.jp">
    <domain>ocn.ne.jp</domain>
    <domain>ocn.ad.jp</domain>
    <displayName>OCN</displayName>
    <displayShortName>OCN</displayShortName>
    <!-- POP3 and SMTP as in the ISPDB; IMAP (imap.ocn.ne.jp) as OCN documents it, unverified. -->
    <incomingServer type="imap">
      <hostname>imap.ocn.ne.jp</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.ocn.ne.jp</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.ocn.ne.jp</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;

const NIFTY = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="nifty.com">
    <domain>nifty.com</domain>
    <displayName>@nifty</displayName>
    <displayShortName>@nifty</displayShortName>
    <!-- The ISPDB still lists SMTP on 587 without TLS; @nifty's manual documents SSL on 465
         for sending and IMAP on imap.nifty.com, which we prefer. User name per the ISPDB. -->
    <incomingServer type="imap">
      <hostname>imap.nifty.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.nifty.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.nifty.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://mail.nifty.com/info/manual/">
      <descr lang="ja">@niftyメール 設定マニュアル</descr>
    </documentation>
  </emailProvider>
</clientConfig>
`;

const SONET = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="so-net.ne.jp">
    <domain>so-net.ne.jp</domain>
    <displayName>So-net</displayName>
    <displayShortName>So-net</displayShortName>
    <!-- Unverified: host names and ports as So-net documents them for mail apps; user name
         assumed to be the full address. -->
    <incomingServer type="imap">
      <hostname>imap.so-net.ne.jp</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.so-net.ne.jp</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.so-net.ne.jp</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;

const BIGLOBE = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="biglobe.ne.jp">
    <!-- About 1400 BIGLOBE domains share the MX bgmgate1.biglobe.ne.jp (ISPDB), so the MX step
         finds them through this one entry. -->
    <domain>biglobe.ne.jp</domain>
    <displayName>BIGLOBE</displayName>
    <displayShortName>BIGLOBE</displayShortName>
    <!-- POP3 and SMTP from the ISPDB; IMAP on the same host is unverified. -->
    <incomingServer type="imap">
      <hostname>mail.biglobe.ne.jp</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>mail.biglobe.ne.jp</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>mail.biglobe.ne.jp</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;

/** Every built-in provider file, by provider id. */
export const BUILTIN_PROVIDER_XML: Readonly<Record<string, string>> = {
  'google.com': GOOGLE,
  'outlook.com': OUTLOOK,
  'office365.com': OFFICE365,
  'icloud.com': ICLOUD,
  'yahoo.com': YAHOO,
  'aol.com': AOL,
  'gmx.net': GMX_NET,
  'gmx.com': GMX_COM,
  'fastmail.com': FASTMAIL,
  'zoho.com': ZOHO,
  'yahoo.co.jp': YAHOO_JAPAN,
  'docomo.ne.jp': DOCOMO,
  'au.com': AU,
  'i.softbank.jp': SOFTBANK,
  'ocn.ne.jp': OCN,
  'nifty.com': NIFTY,
  'so-net.ne.jp': SONET,
  'biglobe.ne.jp': BIGLOBE,
};
