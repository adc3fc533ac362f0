; Windows: electron-builder's NSIS installer registers the .eml association but not URL
; protocols, and Windows 10/11 only offer an app as the mailto: handler (Settings > Default
; apps) when it declares Capabilities under RegisteredApplications. SHCTX is HKCU for a
; per-user install and HKLM for a per-machine one.
!macro customInstall
  WriteRegStr SHCTX "Software\Classes\Tegami.Url.mailto" "" "URL:MailTo Protocol"
  WriteRegStr SHCTX "Software\Classes\Tegami.Url.mailto" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\Tegami.Url.mailto\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHCTX "Software\Classes\Tegami.Url.mailto\shell\open\command" "" '"$appExe" "%1"'
  WriteRegStr SHCTX "Software\Clients\Mail\Tegami" "" "Tegami"
  WriteRegStr SHCTX "Software\Clients\Mail\Tegami\Capabilities" "ApplicationName" "Tegami"
  WriteRegStr SHCTX "Software\Clients\Mail\Tegami\Capabilities" "ApplicationDescription" "A desktop mail client"
  WriteRegStr SHCTX "Software\Clients\Mail\Tegami\Capabilities\URLAssociations" "mailto" "Tegami.Url.mailto"
  WriteRegStr SHCTX "Software\RegisteredApplications" "Tegami" "Software\Clients\Mail\Tegami\Capabilities"
!macroend

!macro customUnInstall
  DeleteRegValue SHCTX "Software\RegisteredApplications" "Tegami"
  DeleteRegKey SHCTX "Software\Clients\Mail\Tegami"
  DeleteRegKey SHCTX "Software\Classes\Tegami.Url.mailto"
!macroend
