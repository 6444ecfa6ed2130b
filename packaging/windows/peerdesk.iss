; Inno Setup 6 script: PeerDesk installer for Windows, per user, no admin rights.
;
; Build dist\PeerDesk first (packaging\README.md, "Windows"), then, from the repository root:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\peerdesk.iss
;
; with the version that dist\PeerDesk\peerdesk-cli.exe --version prints. The installer is
; written to dist\PeerDesk-<version>-setup.exe and needs no internet to run.
;
; Installs into %LOCALAPPDATA%\Programs\PeerDesk ({autopf} for a per-user install); IT can
; install for all users instead with /ALLUSERS (then into Program Files, with admin rights).
; The records are never in the install folder: PeerDesk keeps them in %LOCALAPPDATA%\PeerDesk
; (or the folder set with --data-dir / PEERDESK_DATA_DIR). Uninstalling keeps them unless the
; user says otherwise; a silent uninstall keeps them unless given /DELETEDATA=yes.

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z packaging\windows\peerdesk.iss
#endif

#define AppName "PeerDesk"
#define AppExe "peerdesk.exe"
; the repository root: paths are relative to this script's folder
#define Repo "..\.."

[Setup]
; The AppId identifies PeerDesk to Windows across versions: never change it.
AppId={{AD0BA3AC-8B29-46FE-85EC-E23E0C7B9F1A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PeerDesk
AppComments=Log peer support work day by day and see it week by week, offline.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install
DefaultDirName={autopf}\{#AppName}
DisableDirPage=auto
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile={#Repo}\resources\icons\peerdesk.ico
OutputDir={#Repo}\dist
OutputBaseFilename=PeerDesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later
MinVersion=10.0.17763
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Repo}\dist\PeerDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Log peer support work"
Name: "{autoprograms}\{#AppName} demo"; Filename: "{app}\{#AppExe}"; Parameters: "demo"; Comment: "PeerDesk on fictional sample data, for training"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only the install folder: the records live elsewhere (see [Code])
Type: filesandordirs; Name: "{app}"

[Code]
const
  DataFolder = '{localappdata}\PeerDesk';
  SettingsKey = 'Software\PeerDesk';

function ShouldDeleteData(): Boolean;
var
  Param: String;
begin
  Param := Lowercase(ExpandConstant('{param:DELETEDATA|no}'));
  if UninstallSilent() then
    Result := (Param = 'yes') or (Param = '1') or (Param = 'true')
  else
    { No is the default button: the records stay unless the user chooses to delete them. }
    Result := MsgBox(
      'PeerDesk has been removed. Your PeerDesk records are still on this computer, in' + #13#10 +
      ExpandConstant(DataFolder) + #13#10#13#10 +
      'Delete your records too? They cannot be recovered afterwards. Export anything your ' +
      'supervisor needs first. (A data folder you chose yourself is not touched.)',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(ExpandConstant(DataFolder)) then
  begin
    if ShouldDeleteData() then
    begin
      DelTree(ExpandConstant(DataFolder), True, True, True);
      { the window's preferences (text size), kept by Qt in the registry }
      RegDeleteKeyIncludingSubkeys(HKCU, SettingsKey);
    end;
  end;
end;
