/**
 * PowerShell functions of the generated apply script: one `Sync-Ccv*` function per kind of Teams
 * object. Each reads the current state first (`Get-*`), changes only what differs, asks
 * `$PSCmdlet.ShouldProcess` before every change (so `-WhatIf` and `-Confirm` work), and rethrows any
 * failure with the object's name (`Stop-CcvObject`). Static text: spec values arrive as arguments.
 *
 * Cmdlets and parameters (sources: MicrosoftTeams cmdlet reference, `ps:` in
 * reference/azure-voice-api-facts.md sections 5.2, 6.1, 6.2, 6.4, 7.1):
 * - `New-/Set-CsOnlineApplicationInstance` (`-AcsResourceId` is the ACS immutable resource id, a GUID),
 *   then `Sync-CsOnlineApplicationInstance -ObjectId -ApplicationId -AcsResourceId`.
 * - `New-/Set-CsOnlinePSTNGateway` (`-Enabled` defaults to `$false` when omitted, so it is always passed).
 * - `Set-CsOnlinePstnUsage -Identity Global -Usage @{add=...}` (one global list).
 * - `New-/Set-CsOnlineVoiceRoute`, `New-/Set-CsOnlineVoiceRoutingPolicy`.
 * - `New-/Set-CsTeamsEmergencyCallingPolicy` with `New-CsTeamsEmergencyCallingExtendedNotification`.
 * - `New-/Set-CsTeamsEmergencyCallRoutingPolicy` with `New-CsTeamsEmergencyNumber`; the list passed
 *   replaces the policy's numbers.
 * - `New-/Set-CsOnlineLisCivicAddress`, `New-CsOnlineLisLocation`.
 * - `Set-CsPhoneNumberAssignment`, `Grant-CsOnlineVoiceRoutingPolicy`,
 *   `Grant-CsTeamsEmergencyCallingPolicy`, `Grant-CsTeamsEmergencyCallRoutingPolicy`.
 *
 * Property names read back from `Get-*` (`AcsResourceId`, `LineURI`, `ExtendedNotifications`, ...) are
 * knowledge, not checked against a live tenant (UNCERTAIN until the live suite runs).
 */
export const PS_APPLY_FUNCTIONS = `function Sync-CcvResourceAccount {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $UserPrincipalName, [string] $DisplayName, [string] $ApplicationId, [string] $AcsResourceId)
    $object = 'resource account ' + $UserPrincipalName
    try {
        $current = Find-CcvObject { Get-CsOnlineApplicationInstance -Identity $UserPrincipalName }
        if ($null -eq $current) {
            if ($PSCmdlet.ShouldProcess($object, 'New-CsOnlineApplicationInstance')) {
                $current = New-CsOnlineApplicationInstance -UserPrincipalName $UserPrincipalName -ApplicationId $ApplicationId -DisplayName $DisplayName
                Write-CcvChange 'created' $object
            }
        } else {
            $changed = @(Get-CcvChangedProperty $current @{ DisplayName = $DisplayName; ApplicationId = $ApplicationId } -IgnoreCase ApplicationId)
            if ($changed.Count -gt 0 -and $PSCmdlet.ShouldProcess($object, 'Set-CsOnlineApplicationInstance (' + ($changed -join ', ') + ')')) {
                Set-CsOnlineApplicationInstance -Identity $UserPrincipalName -DisplayName $DisplayName -ApplicationId $ApplicationId | Out-Null
                Write-CcvChange ('updated ' + ($changed -join ', ') + ' of') $object
            }
        }
        if ($null -ne $current -and (Test-CcvDifferent $current.AcsResourceId $AcsResourceId -IgnoreCase)) {
            if ($PSCmdlet.ShouldProcess($object, 'Set-CsOnlineApplicationInstance -AcsResourceId ' + $AcsResourceId + ' and Sync-CsOnlineApplicationInstance')) {
                Invoke-CcvRetry { Set-CsOnlineApplicationInstance -Identity $UserPrincipalName -ApplicationId $ApplicationId -AcsResourceId $AcsResourceId | Out-Null }
                Invoke-CcvRetry { Sync-CsOnlineApplicationInstance -ObjectId $current.ObjectId -ApplicationId $ApplicationId -AcsResourceId $AcsResourceId | Out-Null }
                Write-CcvChange 'linked' ($object + ' to ACS resource ' + $AcsResourceId)
            }
        }
    } catch { Stop-CcvObject $object $_ }
}

function Sync-CcvPstnGateway {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Fqdn, [hashtable] $Settings)
    $object = 'PSTN gateway ' + $Fqdn
    try {
        $current = Get-CsOnlinePSTNGateway | Where-Object { $_.Identity -eq $Fqdn }
        if ($null -eq $current) {
            if ($PSCmdlet.ShouldProcess($object, 'New-CsOnlinePSTNGateway')) {
                New-CsOnlinePSTNGateway -Fqdn $Fqdn @Settings | Out-Null
                Write-CcvChange 'created' $object
            }
            return
        }
        $changed = @(Get-CcvChangedProperty $current $Settings)
        if ($changed.Count -gt 0 -and $PSCmdlet.ShouldProcess($object, 'Set-CsOnlinePSTNGateway (' + ($changed -join ', ') + ')')) {
            Set-CsOnlinePSTNGateway -Identity $Fqdn @Settings | Out-Null
            Write-CcvChange ('updated ' + ($changed -join ', ') + ' of') $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Sync-CcvPstnUsage {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Usage)
    $object = 'PSTN usage ' + $Usage
    try {
        $current = @((Get-CsOnlinePstnUsage -Identity Global).Usage)
        if ($current -notcontains $Usage -and $PSCmdlet.ShouldProcess($object, 'Set-CsOnlinePstnUsage -Identity Global -Usage @{add=...}')) {
            Set-CsOnlinePstnUsage -Identity Global -Usage @{ add = $Usage } | Out-Null
            Write-CcvChange 'added' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Sync-CcvVoiceRoute {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Name, [hashtable] $Settings)
    $object = 'voice route ' + $Name
    try {
        $current = Get-CsOnlineVoiceRoute | Where-Object { $_.Identity -eq $Name }
        if ($null -eq $current) {
            if ($PSCmdlet.ShouldProcess($object, 'New-CsOnlineVoiceRoute')) {
                New-CsOnlineVoiceRoute -Identity $Name @Settings | Out-Null
                Write-CcvChange 'created' $object
            }
            return
        }
        $changed = @(Get-CcvChangedProperty $current $Settings -IgnoreCase OnlinePstnGatewayList)
        if ($changed.Count -gt 0 -and $PSCmdlet.ShouldProcess($object, 'Set-CsOnlineVoiceRoute (' + ($changed -join ', ') + ')')) {
            Set-CsOnlineVoiceRoute -Identity $Name @Settings | Out-Null
            Write-CcvChange ('updated ' + ($changed -join ', ') + ' of') $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Sync-CcvVoiceRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Name, [hashtable] $Settings)
    $object = 'voice routing policy ' + $Name
    try {
        $current = Get-CsOnlineVoiceRoutingPolicy | Where-Object { $_.Identity -eq ('Tag:' + $Name) }
        if ($null -eq $current) {
            if ($PSCmdlet.ShouldProcess($object, 'New-CsOnlineVoiceRoutingPolicy')) {
                New-CsOnlineVoiceRoutingPolicy -Identity $Name @Settings | Out-Null
                Write-CcvChange 'created' $object
            }
            return
        }
        $changed = @(Get-CcvChangedProperty $current $Settings)
        if ($changed.Count -gt 0 -and $PSCmdlet.ShouldProcess($object, 'Set-CsOnlineVoiceRoutingPolicy (' + ($changed -join ', ') + ')')) {
            Set-CsOnlineVoiceRoutingPolicy -Identity $Name @Settings | Out-Null
            Write-CcvChange ('updated ' + ($changed -join ', ') + ' of') $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Sync-CcvEmergencyCallingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Name, [hashtable] $Settings, [hashtable[]] $ExtendedNotifications = @())
    $object = 'emergency calling policy ' + $Name
    $fields = @('EmergencyDialString', 'NotificationGroup', 'NotificationDialOutNumber', 'NotificationMode')
    try {
        $current = Get-CsTeamsEmergencyCallingPolicy | Where-Object { $_.Identity -eq ('Tag:' + $Name) }
        if ($null -eq $current) {
            if ($PSCmdlet.ShouldProcess($object, 'New-CsTeamsEmergencyCallingPolicy')) {
                $extended = @(foreach ($entry in $ExtendedNotifications) { New-CsTeamsEmergencyCallingExtendedNotification @entry })
                if ($extended.Count -gt 0) {
                    New-CsTeamsEmergencyCallingPolicy -Identity $Name @Settings -ExtendedNotifications $extended | Out-Null
                } else {
                    New-CsTeamsEmergencyCallingPolicy -Identity $Name @Settings | Out-Null
                }
                Write-CcvChange 'created' $object
            }
            return
        }
        $changed = @(Get-CcvChangedProperty $current $Settings -IgnoreCase NotificationGroup)
        if (Test-CcvDifferent (ConvertTo-CcvRecordText $current.ExtendedNotifications $fields) (ConvertTo-CcvRecordText $ExtendedNotifications $fields) -IgnoreCase) {
            $changed += 'ExtendedNotifications'
        }
        if ($changed.Count -gt 0 -and $PSCmdlet.ShouldProcess($object, 'Set-CsTeamsEmergencyCallingPolicy (' + ($changed -join ', ') + ')')) {
            $extended = @(foreach ($entry in $ExtendedNotifications) { New-CsTeamsEmergencyCallingExtendedNotification @entry })
            Set-CsTeamsEmergencyCallingPolicy -Identity $Name @Settings -ExtendedNotifications $extended | Out-Null
            Write-CcvChange ('updated ' + ($changed -join ', ') + ' of') $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Sync-CcvEmergencyCallRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Name, [hashtable] $Settings, [hashtable[]] $EmergencyNumbers)
    $object = 'emergency call routing policy ' + $Name
    $fields = @('EmergencyDialString', 'EmergencyDialMask', 'OnlinePSTNUsage')
    try {
        $current = Get-CsTeamsEmergencyCallRoutingPolicy | Where-Object { $_.Identity -eq ('Tag:' + $Name) }
        if ($null -eq $current) {
            if ($PSCmdlet.ShouldProcess($object, 'New-CsTeamsEmergencyCallRoutingPolicy')) {
                $numbers = @(foreach ($entry in $EmergencyNumbers) { New-CsTeamsEmergencyNumber @entry })
                New-CsTeamsEmergencyCallRoutingPolicy -Identity $Name @Settings -EmergencyNumbers $numbers | Out-Null
                Write-CcvChange 'created' $object
            }
            return
        }
        $changed = @(Get-CcvChangedProperty $current $Settings)
        if (Test-CcvDifferent (ConvertTo-CcvRecordText $current.EmergencyNumbers $fields) (ConvertTo-CcvRecordText $EmergencyNumbers $fields) -IgnoreCase) {
            $changed += 'EmergencyNumbers'
        }
        if ($changed.Count -gt 0 -and $PSCmdlet.ShouldProcess($object, 'Set-CsTeamsEmergencyCallRoutingPolicy (' + ($changed -join ', ') + ')')) {
            $numbers = @(foreach ($entry in $EmergencyNumbers) { New-CsTeamsEmergencyNumber @entry })
            Set-CsTeamsEmergencyCallRoutingPolicy -Identity $Name @Settings -EmergencyNumbers $numbers | Out-Null
            Write-CcvChange ('updated ' + ($changed -join ', ') + ' of') $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Sync-CcvEmergencyAddress {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Site, [hashtable] $Address, [string] $Place = '')
    $object = 'emergency address of site ' + $Site
    $description = 'ccvoice site ' + $Site
    try {
        $found = @(Get-CsOnlineLisCivicAddress | Where-Object { $_.Description -eq $description })
        if ($found.Count -gt 1) { throw ('found ' + $found.Count + ' civic addresses described ' + $description + '; remove all but one') }
        $current = $null
        if ($found.Count -eq 1) { $current = $found[0] }
        if ($null -eq $current) {
            if ($PSCmdlet.ShouldProcess($object, 'New-CsOnlineLisCivicAddress')) {
                $current = New-CsOnlineLisCivicAddress @Address -Description $description
                Write-CcvChange 'created' $object
            }
        } else {
            $changed = @(Get-CcvChangedProperty $current $Address -IgnoreCase @($Address.Keys))
            if ($changed.Count -gt 0 -and $PSCmdlet.ShouldProcess($object, 'Set-CsOnlineLisCivicAddress (' + ($changed -join ', ') + ')')) {
                Set-CsOnlineLisCivicAddress -CivicAddressId $current.CivicAddressId @Address | Out-Null
                Write-CcvChange ('updated ' + ($changed -join ', ') + ' of') $object
            }
        }
        if ($Place -ne '' -and $null -ne $current) {
            $location = Get-CsOnlineLisLocation -CivicAddressId $current.CivicAddressId | Where-Object { $_.Location -eq $Place }
            if ($null -eq $location -and $PSCmdlet.ShouldProcess('place ' + $Place + ' of site ' + $Site, 'New-CsOnlineLisLocation')) {
                New-CsOnlineLisLocation -CivicAddressId $current.CivicAddressId -Location $Place | Out-Null
                Write-CcvChange 'created' ('place ' + $Place + ' of site ' + $Site)
            }
        }
    } catch { Stop-CcvObject $object $_ }
}

function Sync-CcvAccountAssignment {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $UserPrincipalName, [string] $PhoneNumber = '', [string] $PhoneNumberType = '', [hashtable] $Policies = @{})
    $object = 'assignments of resource account ' + $UserPrincipalName
    try {
        $user = Find-CcvObject { Get-CsOnlineUser -Identity $UserPrincipalName }
        if ($null -eq $user) {
            if ($WhatIfPreference) {
                Write-Host ('ccvoice: ' + $object + ' are made once the account exists')
                return
            }
            $user = Invoke-CcvRetry { Get-CsOnlineUser -Identity $UserPrincipalName }
        }
        if ($PhoneNumber -ne '' -and (Get-CcvLineNumber $user.LineURI) -ne $PhoneNumber) {
            if ($PSCmdlet.ShouldProcess('phone number ' + $PhoneNumber + ' of ' + $UserPrincipalName, 'Set-CsPhoneNumberAssignment -PhoneNumberType ' + $PhoneNumberType)) {
                Set-CsPhoneNumberAssignment -Identity $UserPrincipalName -PhoneNumber $PhoneNumber -PhoneNumberType $PhoneNumberType | Out-Null
                Write-CcvChange 'assigned' ('phone number ' + $PhoneNumber + ' to ' + $UserPrincipalName)
            }
        }
        if ($Policies.ContainsKey('OnlineVoiceRoutingPolicy') -and (Test-CcvDifferent (Get-CcvPolicyName $user.OnlineVoiceRoutingPolicy) $Policies.OnlineVoiceRoutingPolicy -IgnoreCase)) {
            if ($PSCmdlet.ShouldProcess($UserPrincipalName, 'Grant-CsOnlineVoiceRoutingPolicy ' + $Policies.OnlineVoiceRoutingPolicy)) {
                Grant-CsOnlineVoiceRoutingPolicy -Identity $UserPrincipalName -PolicyName $Policies.OnlineVoiceRoutingPolicy | Out-Null
                Write-CcvChange 'granted' ('voice routing policy ' + $Policies.OnlineVoiceRoutingPolicy + ' to ' + $UserPrincipalName)
            }
        }
        if ($Policies.ContainsKey('TeamsEmergencyCallingPolicy') -and (Test-CcvDifferent (Get-CcvPolicyName $user.TeamsEmergencyCallingPolicy) $Policies.TeamsEmergencyCallingPolicy -IgnoreCase)) {
            if ($PSCmdlet.ShouldProcess($UserPrincipalName, 'Grant-CsTeamsEmergencyCallingPolicy ' + $Policies.TeamsEmergencyCallingPolicy)) {
                Grant-CsTeamsEmergencyCallingPolicy -Identity $UserPrincipalName -PolicyName $Policies.TeamsEmergencyCallingPolicy | Out-Null
                Write-CcvChange 'granted' ('emergency calling policy ' + $Policies.TeamsEmergencyCallingPolicy + ' to ' + $UserPrincipalName)
            }
        }
        if ($Policies.ContainsKey('TeamsEmergencyCallRoutingPolicy') -and (Test-CcvDifferent (Get-CcvPolicyName $user.TeamsEmergencyCallRoutingPolicy) $Policies.TeamsEmergencyCallRoutingPolicy -IgnoreCase)) {
            if ($PSCmdlet.ShouldProcess($UserPrincipalName, 'Grant-CsTeamsEmergencyCallRoutingPolicy ' + $Policies.TeamsEmergencyCallRoutingPolicy)) {
                Grant-CsTeamsEmergencyCallRoutingPolicy -Identity $UserPrincipalName -PolicyName $Policies.TeamsEmergencyCallRoutingPolicy | Out-Null
                Write-CcvChange 'granted' ('emergency call routing policy ' + $Policies.TeamsEmergencyCallRoutingPolicy + ' to ' + $UserPrincipalName)
            }
        }
    } catch { Stop-CcvObject $object $_ }
}
`;
