; Event Desk's additions to electron-builder's NSIS installer (issue 19): `event-desk` on the PATH.
; The folder <install dir>\resources\cli (event-desk.cmd) is appended to the PATH of the user (per-user
; install) or of the machine (all users), once, and taken out again on uninstall; open terminals see it
; after the WM_SETTINGCHANGE broadcast. Not run on the Linux machines the tests use (no makensis there):
; the release workflow installs the built installer silently on Windows and runs `event-desk --help`.

!ifndef StrContains
  !include StrContains.nsh
!endif

!macro customInstall
  StrCpy $R8 "$INSTDIR\resources\cli"
  ${if} $installMode == "all"
    ReadRegStr $R7 HKLM "SYSTEM\CurrentControlSet\Control\Session Manager\Environment" "Path"
  ${else}
    ReadRegStr $R7 HKCU "Environment" "Path"
  ${endif}
  ${StrContains} $R6 "$R8" "$R7"
  ${if} $R6 == ""
    ${if} $R7 == ""
      StrCpy $R7 "$R8"
    ${else}
      StrCpy $R7 "$R7;$R8"
    ${endif}
    ${if} $installMode == "all"
      WriteRegExpandStr HKLM "SYSTEM\CurrentControlSet\Control\Session Manager\Environment" "Path" "$R7"
    ${else}
      WriteRegExpandStr HKCU "Environment" "Path" "$R7"
    ${endif}
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=500
  ${endif}
!macroend

; Removes ";<cli folder>" (or the folder alone) from a PATH string: $R7 in, $R7 out.
Function un.eventDeskRemoveFromPath
  StrCpy $R5 ";$R8"
  StrLen $R4 $R5
  StrCpy $R3 0
  loop:
    StrCpy $R2 $R7 $R4 $R3
    StrCmp $R2 "" notFound
    StrCmp $R2 $R5 found
    IntOp $R3 $R3 + 1
    Goto loop
  found:
    StrCpy $R2 $R7 $R3
    IntOp $R3 $R3 + $R4
    StrCpy $R1 $R7 "" $R3
    StrCpy $R7 "$R2$R1"
    Return
  notFound:
    StrCmp $R7 $R8 0 +2
    StrCpy $R7 ""
FunctionEnd

!macro customUnInstall
  StrCpy $R8 "$INSTDIR\resources\cli"
  ${if} $installMode == "all"
    ReadRegStr $R7 HKLM "SYSTEM\CurrentControlSet\Control\Session Manager\Environment" "Path"
    Call un.eventDeskRemoveFromPath
    WriteRegExpandStr HKLM "SYSTEM\CurrentControlSet\Control\Session Manager\Environment" "Path" "$R7"
  ${else}
    ReadRegStr $R7 HKCU "Environment" "Path"
    Call un.eventDeskRemoveFromPath
    WriteRegExpandStr HKCU "Environment" "Path" "$R7"
  ${endif}
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=500
!macroend
