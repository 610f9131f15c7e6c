/**
 * PowerShell helper functions shared by the generated apply and delete scripts. Static text: no spec
 * value is ever interpolated here (spec values reach the scripts only through `psLiteral.ts`).
 *
 * What they do:
 * - `Write-CcvChange` counts and prints one change (`ccvoice: created PSTN gateway sbc1.contoso.com`).
 * - `Stop-CcvObject` rethrows a failure with the object's name in front, keeping the original exception
 *   as the inner exception, so the first error stops the script and says which object failed.
 * - `Find-CcvObject` runs a `Get-*` lookup and returns nothing when the object does not exist; any other
 *   error (sign-in, permissions, throttling) is rethrown.
 * - `Test-CcvDifferent` / `Get-CcvChangedProperty` compare what the tenant has with what the spec wants
 *   (values and lists as text, case-sensitive unless told otherwise).
 * - `Invoke-CcvRetry` retries a step while Teams answers "not found" for an object created moments
 *   earlier (directory replication), 6 attempts 10 s apart.
 * - `Connect-CcvTeams` uses the current `Connect-MicrosoftTeams` session, or signs in app-only from
 *   `CCVOICE_TEAMS_APP_ID` + `CCVOICE_TEAMS_CERT_PATH` (+ `CCVOICE_TEAMS_CERT_PASSWORD`), and refuses to
 *   run against a tenant other than the spec's `teams.tenantId`.
 *
 * The not-found detection matches the error text (knowledge: Teams cmdlets have no stable error id for
 * a missing object; UNCERTAIN across module versions).
 */
export const PS_COMMON_FUNCTIONS = `$ErrorActionPreference = 'Stop'
$ccvState = @{ Changes = 0 }

function Write-CcvChange {
    param([string] $Action, [string] $Object)
    $ccvState.Changes++
    Write-Host ('ccvoice: ' + $Action + ' ' + $Object)
}

function Stop-CcvObject {
    param([string] $Object, [System.Management.Automation.ErrorRecord] $Failure)
    $message = [string] $Failure.Exception.Message
    if ($message.StartsWith('ccvoice: ')) { throw $Failure }
    throw [System.InvalidOperationException]::new('ccvoice: ' + $Object + ' failed: ' + $message, $Failure.Exception)
}

function Test-CcvNotFound {
    param([System.Management.Automation.ErrorRecord] $Failure)
    $text = [string] $Failure.Exception.Message + ' ' + [string] $Failure.FullyQualifiedErrorId
    return ($text -match '(?i)not ?found|could not be found|couldn''t find|cannot find|can''t find|does not exist')
}

function Find-CcvObject {
    param([scriptblock] $Lookup)
    try {
        & $Lookup
    } catch {
        if (-not (Test-CcvNotFound $_)) { throw }
    }
}

function Invoke-CcvRetry {
    param([scriptblock] $Action, [int] $Attempts = 6, [int] $DelaySeconds = 10)
    for ($attempt = 1; ; $attempt++) {
        try {
            return (& $Action)
        } catch {
            if ($attempt -ge $Attempts -or -not (Test-CcvNotFound $_)) { throw }
            Write-Host ('ccvoice: not visible yet, retrying in ' + $DelaySeconds + ' s: ' + $_.Exception.Message)
            Start-Sleep -Seconds $DelaySeconds
        }
    }
}

function ConvertTo-CcvText {
    param($Value)
    if ($null -eq $Value) { return '' }
    return ((@($Value) | ForEach-Object { [string] $_ }) -join [char] 10)
}

function ConvertTo-CcvRecordText {
    param($Items, [string[]] $Properties)
    $lines = foreach ($item in @($Items)) {
        if ($null -eq $item) { continue }
        ($Properties | ForEach-Object { ConvertTo-CcvText $item.$_ }) -join '|'
    }
    return (@($lines) -join [char] 10)
}

function Test-CcvDifferent {
    param($Current, $Desired, [switch] $IgnoreCase)
    $currentText = ConvertTo-CcvText $Current
    $desiredText = ConvertTo-CcvText $Desired
    if ($IgnoreCase) { return ($currentText -ine $desiredText) }
    return ($currentText -cne $desiredText)
}

function Get-CcvChangedProperty {
    param($Current, [hashtable] $Desired, [string[]] $IgnoreCase = @())
    foreach ($name in @($Desired.Keys | Sort-Object)) {
        if (Test-CcvDifferent $Current.$name $Desired[$name] -IgnoreCase:($IgnoreCase -contains $name)) { $name }
    }
}

function Get-CcvPolicyName {
    param($Value)
    if ($null -eq $Value) { return '' }
    if ($Value -isnot [string] -and $null -ne $Value.PSObject.Properties['Name']) { $Value = $Value.Name }
    return (([string] $Value) -replace '^Tag:', '')
}

function Get-CcvLineNumber {
    param($Value)
    return (([string] $Value) -replace '^tel:', '')
}

function Connect-CcvTeams {
    param([string] $TenantId)
    if (-not (Get-Module -Name MicrosoftTeams)) { Import-Module -Name MicrosoftTeams }
    $tenant = $null
    try { $tenant = Get-CsTenant } catch { $tenant = $null }
    if ($null -eq $tenant -and $env:CCVOICE_TEAMS_APP_ID -and $env:CCVOICE_TEAMS_CERT_PATH) {
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([string] $env:CCVOICE_TEAMS_CERT_PATH, [string] $env:CCVOICE_TEAMS_CERT_PASSWORD)
        Connect-MicrosoftTeams -TenantId $TenantId -ApplicationId $env:CCVOICE_TEAMS_APP_ID -Certificate $certificate | Out-Null
        $tenant = Get-CsTenant
    }
    if ($null -eq $tenant) {
        throw ('ccvoice: not connected to Microsoft Teams; run Connect-MicrosoftTeams -TenantId ' + $TenantId + ' first, or set CCVOICE_TEAMS_APP_ID and CCVOICE_TEAMS_CERT_PATH for app-only sign-in')
    }
    if (([string] $tenant.TenantId) -ne $TenantId) {
        throw ('ccvoice: connected to tenant ' + $tenant.TenantId + ' but this script is for tenant ' + $TenantId + '; run Disconnect-MicrosoftTeams, then Connect-MicrosoftTeams -TenantId ' + $TenantId)
    }
}
`;
