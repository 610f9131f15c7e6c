/**
 * PowerShell functions of the generated delete script. The script receives object keys
 * (`kind|part|...`, see `teamsObjectKey` in `teamsPlan.ts`), sorts them so that dependants go first
 * (grants and numbers, then policies, routes, usages, gateways, places, addresses), and removes each
 * object that still exists and still matches; an object already gone is skipped. Every removal reads
 * the current state first, asks `$PSCmdlet.ShouldProcess`, and stops the script with the object's name
 * on failure (for example a policy still granted to someone else, or a usage still used by a route
 * outside this stack). Static text: keys arrive as data, never as code.
 *
 * Resource accounts are not deleted: they are Entra user objects (deleted in the Microsoft 365 admin
 * center or with Graph, not with Teams PowerShell) that may hold numbers and licences; the script says
 * so and leaves them.
 */
export const PS_DELETE_FUNCTIONS = `function Remove-CcvGrant {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $PolicyType, [string] $PolicyName, [string] $UserPrincipalName)
    $object = $PolicyType + ' ' + $PolicyName + ' of ' + $UserPrincipalName
    try {
        $user = Find-CcvObject { Get-CsOnlineUser -Identity $UserPrincipalName }
        if ($null -eq $user -or (Get-CcvPolicyName $user.$PolicyType) -ne $PolicyName) { return }
        if ($PSCmdlet.ShouldProcess($UserPrincipalName, 'Grant-Cs' + $PolicyType + ' -PolicyName $null')) {
            switch ($PolicyType) {
                'OnlineVoiceRoutingPolicy' { Grant-CsOnlineVoiceRoutingPolicy -Identity $UserPrincipalName -PolicyName $null | Out-Null }
                'TeamsEmergencyCallingPolicy' { Grant-CsTeamsEmergencyCallingPolicy -Identity $UserPrincipalName -PolicyName $null | Out-Null }
                'TeamsEmergencyCallRoutingPolicy' { Grant-CsTeamsEmergencyCallRoutingPolicy -Identity $UserPrincipalName -PolicyName $null | Out-Null }
                default { throw ('unknown policy type ' + $PolicyType) }
            }
            Write-CcvChange 'revoked' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvPhoneNumberAssignment {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $PhoneNumberType, [string] $PhoneNumber, [string] $UserPrincipalName)
    $object = 'phone number ' + $PhoneNumber + ' of ' + $UserPrincipalName
    try {
        $user = Find-CcvObject { Get-CsOnlineUser -Identity $UserPrincipalName }
        if ($null -eq $user -or (Get-CcvLineNumber $user.LineURI) -ne $PhoneNumber) { return }
        if ($PSCmdlet.ShouldProcess($object, 'Remove-CsPhoneNumberAssignment')) {
            Remove-CsPhoneNumberAssignment -Identity $UserPrincipalName -PhoneNumber $PhoneNumber -PhoneNumberType $PhoneNumberType | Out-Null
            Write-CcvChange 'unassigned' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvEmergencyCallRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Name)
    $object = 'emergency call routing policy ' + $Name
    try {
        $current = Get-CsTeamsEmergencyCallRoutingPolicy | Where-Object { $_.Identity -eq ('Tag:' + $Name) }
        if ($null -ne $current -and $PSCmdlet.ShouldProcess($object, 'Remove-CsTeamsEmergencyCallRoutingPolicy')) {
            Remove-CsTeamsEmergencyCallRoutingPolicy -Identity $Name | Out-Null
            Write-CcvChange 'removed' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvEmergencyCallingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Name)
    $object = 'emergency calling policy ' + $Name
    try {
        $current = Get-CsTeamsEmergencyCallingPolicy | Where-Object { $_.Identity -eq ('Tag:' + $Name) }
        if ($null -ne $current -and $PSCmdlet.ShouldProcess($object, 'Remove-CsTeamsEmergencyCallingPolicy')) {
            Remove-CsTeamsEmergencyCallingPolicy -Identity $Name | Out-Null
            Write-CcvChange 'removed' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvVoiceRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Name)
    $object = 'voice routing policy ' + $Name
    try {
        $current = Get-CsOnlineVoiceRoutingPolicy | Where-Object { $_.Identity -eq ('Tag:' + $Name) }
        if ($null -ne $current -and $PSCmdlet.ShouldProcess($object, 'Remove-CsOnlineVoiceRoutingPolicy')) {
            Remove-CsOnlineVoiceRoutingPolicy -Identity $Name | Out-Null
            Write-CcvChange 'removed' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvVoiceRoute {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Name)
    $object = 'voice route ' + $Name
    try {
        $current = Get-CsOnlineVoiceRoute | Where-Object { $_.Identity -eq $Name }
        if ($null -ne $current -and $PSCmdlet.ShouldProcess($object, 'Remove-CsOnlineVoiceRoute')) {
            Remove-CsOnlineVoiceRoute -Identity $Name | Out-Null
            Write-CcvChange 'removed' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvPstnUsage {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Usage)
    $object = 'PSTN usage ' + $Usage
    try {
        $current = @((Get-CsOnlinePstnUsage -Identity Global).Usage)
        if ($current -contains $Usage -and $PSCmdlet.ShouldProcess($object, 'Set-CsOnlinePstnUsage -Identity Global -Usage @{remove=...}')) {
            Set-CsOnlinePstnUsage -Identity Global -Usage @{ remove = $Usage } | Out-Null
            Write-CcvChange 'removed' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvPstnGateway {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Fqdn)
    $object = 'PSTN gateway ' + $Fqdn
    try {
        $current = Get-CsOnlinePSTNGateway | Where-Object { $_.Identity -eq $Fqdn }
        if ($null -ne $current -and $PSCmdlet.ShouldProcess($object, 'Remove-CsOnlinePSTNGateway')) {
            Remove-CsOnlinePSTNGateway -Identity $Fqdn | Out-Null
            Write-CcvChange 'removed' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvEmergencyPlace {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Site, [string] $Place)
    $object = 'place ' + $Place + ' of site ' + $Site
    try {
        $address = @(Get-CsOnlineLisCivicAddress | Where-Object { $_.Description -eq ('ccvoice site ' + $Site) })
        if ($address.Count -ne 1) { return }
        $current = Get-CsOnlineLisLocation -CivicAddressId $address[0].CivicAddressId | Where-Object { $_.Location -eq $Place }
        if ($null -ne $current -and $PSCmdlet.ShouldProcess($object, 'Remove-CsOnlineLisLocation')) {
            Remove-CsOnlineLisLocation -LocationId $current.LocationId | Out-Null
            Write-CcvChange 'removed' $object
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvEmergencyAddress {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Site)
    $object = 'emergency address of site ' + $Site
    try {
        $current = @(Get-CsOnlineLisCivicAddress | Where-Object { $_.Description -eq ('ccvoice site ' + $Site) })
        foreach ($address in $current) {
            if ($PSCmdlet.ShouldProcess($object, 'Remove-CsOnlineLisCivicAddress')) {
                Remove-CsOnlineLisCivicAddress -CivicAddressId $address.CivicAddressId | Out-Null
                Write-CcvChange 'removed' $object
            }
        }
    } catch { Stop-CcvObject $object $_ }
}

function Remove-CcvTeamsObject {
    [CmdletBinding(SupportsShouldProcess)]
    param([string] $Key)
    $kind = ($Key -split '\\|', 2)[0]
    switch ($kind) {
        'grant' { $part = $Key -split '\\|', 4; Remove-CcvGrant -PolicyType $part[1] -PolicyName $part[2] -UserPrincipalName $part[3] }
        'number' { $part = $Key -split '\\|', 4; Remove-CcvPhoneNumberAssignment -PhoneNumberType $part[1] -PhoneNumber $part[2] -UserPrincipalName $part[3] }
        'emergency-call-routing-policy' { Remove-CcvEmergencyCallRoutingPolicy -Name ($Key -split '\\|', 2)[1] }
        'emergency-calling-policy' { Remove-CcvEmergencyCallingPolicy -Name ($Key -split '\\|', 2)[1] }
        'voice-routing-policy' { Remove-CcvVoiceRoutingPolicy -Name ($Key -split '\\|', 2)[1] }
        'voice-route' { Remove-CcvVoiceRoute -Name ($Key -split '\\|', 2)[1] }
        'pstn-usage' { Remove-CcvPstnUsage -Usage ($Key -split '\\|', 2)[1] }
        'pstn-gateway' { Remove-CcvPstnGateway -Fqdn ($Key -split '\\|', 2)[1] }
        'lis-place' { $part = $Key -split '\\|', 3; Remove-CcvEmergencyPlace -Site $part[1] -Place $part[2] }
        'lis-address' { Remove-CcvEmergencyAddress -Site ($Key -split '\\|', 2)[1] }
        'resource-account' {
            Write-Host ('ccvoice: kept resource account ' + ($Key -split '\\|', 2)[1] + ': it is an Entra user; delete it in the Microsoft 365 admin center if it is no longer needed')
        }
        default { throw ('ccvoice: unknown object key ' + $Key + '; regenerate the delete script with ccvoice teams-script --delete') }
    }
}
`;

/**
 * Kinds of object keys in the order the delete script removes them (dependants first). The apply
 * script creates them in the reverse order.
 */
export const DELETE_ORDER = [
  "grant",
  "number",
  "emergency-call-routing-policy",
  "emergency-calling-policy",
  "voice-routing-policy",
  "voice-route",
  "pstn-usage",
  "pstn-gateway",
  "lis-place",
  "lis-address",
  "resource-account",
] as const;
export type TeamsObjectKind = (typeof DELETE_ORDER)[number];
