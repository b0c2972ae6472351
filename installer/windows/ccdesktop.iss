; Inno Setup 6 script: a per-user installer of the PyInstaller bundle, no administrator
; rights needed. Built by build.ps1, which passes the version read from the package:
;   ISCC.exe /DAppVersion=0.1.0 installer\windows\ccdesktop.iss
; Input: dist\ccdesktop\ (the one-folder bundle). Output: dist\ccdesktop-VERSION-setup.exe,
; one file that installs offline.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z ccdesktop.iss (build.ps1 does)
#endif
#define AppName "ccdesktop"
#define AppExe "ccdesktop.exe"
#define Bundle "..\..\dist\ccdesktop"

[Setup]
; The AppId identifies the app for upgrades and the uninstaller: never change it.
AppId={{6F0C2B8E-3D4A-4B7E-9C21-5A8E0D7F4C13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ccdesktop developers
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} setup
; Per user: installs into %LOCALAPPDATA%\Programs\ccdesktop, no UAC prompt. Named
; directly rather than as {autopf}: in a per-user install that is the same folder on
; Windows 7 and later (Inno Setup's documentation of {userpf}), and Wine, where the
; installer is checked (check_under_wine.py), cannot expand {autopf} / {userpf}.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=ccdesktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closing a running copy before files are replaced on an upgrade.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; Everything PyInstaller collected; the records are never here (they live in
; %LOCALAPPDATA%\ccdesktop), so replacing or removing these files cannot touch them.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle whole: libraries a newer build no longer ships go.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Clock-hour training records"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The uninstaller removes the program only. The director's database, its backups,
// the logs and the settings stay, unless the director explicitly asks (the default
// answer, and a silent uninstall, keep them).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\ccdesktop');
    if DirExists(DataDir) then
      if SuppressibleMsgBox(
           'ccdesktop has been removed. Your training records are still in' + #13#10 +
           DataDir + #13#10#13#10 +
           'Delete your records too? They cannot be recovered afterwards.' + #13#10 +
           'Choose No to keep them (for example to install ccdesktop again later).',
           mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
