<#
.SYNOPSIS
  Build the Windows installer of ccdesktop with one command, from a clean checkout:

    powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1

  Needs Python 3.11+ (the "py" launcher) and Inno Setup 6
  (winget install JRSoftware.InnoSetup). Steps, each stopping the build on failure:
  a build environment (.venv-build), the tests, the PyInstaller bundle, the bundle's
  own --self-test, then the installer: dist\ccdesktop-VERSION-setup.exe.

.PARAMETER SkipTests
  Skip the test suite (for a quick rebuild; never for a release).
#>
param([switch]$SkipTests)

$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

function Step([string]$Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
function Run([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

Step "Build environment (.venv-build)"
if (-not (Test-Path ".venv-build\Scripts\python.exe")) { Run "py" @("-3", "-m", "venv", ".venv-build") }
$Python = Join-Path $Root ".venv-build\Scripts\python.exe"
Run $Python @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Run $Python @("-m", "pip", "install", "--quiet", "-e", ".[test,build]")
$Version = (& $Python -c "import ccdesktop; print(ccdesktop.__version__)").Trim()
Write-Host "ccdesktop $Version"

if (-not $SkipTests) {
    Step "Tests"
    $env:QT_QPA_PLATFORM = "offscreen"
    Run $Python @("-m", "pytest", "-q")
    Remove-Item Env:QT_QPA_PLATFORM
}

Step "PyInstaller bundle (dist\ccdesktop)"
Run $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", "dist",
              "--workpath", "build\pyinstaller", "installer\ccdesktop.spec")

Step "Self-test of the bundle"
Run "dist\ccdesktop\ccdesktop-cli.exe" @("--self-test")

Step "Installer (Inno Setup)"
$Iscc = (Get-Command "ISCC.exe" -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Iscc = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    ) | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) { throw "Inno Setup 6 is not installed: winget install JRSoftware.InnoSetup" }
Run $Iscc @("/Qp", "/DAppVersion=$Version", "installer\windows\ccdesktop.iss")

$Setup = Join-Path $Root "dist\ccdesktop-$Version-setup.exe"
Step "Done: $Setup"
Get-FileHash $Setup -Algorithm SHA256 | Format-List
