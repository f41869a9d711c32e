namespace WorkshopCrm.Shared.Text;

/// <summary>Phone numbers as WhatsApp wants them: digits with the country code (Brazil's 55 when none is given).</summary>
public static class PhoneNumbers
{
    /// <summary>
    /// "+55 (11) 98765-4321", "011 98765 4321", "11987654321", "5511987654321" → "5511987654321"; an international
    /// number written with + or 00 keeps its own country code. Null when it cannot be a phone number.
    /// </summary>
    public static string? ToDigits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        var trimmed = phone.Trim();
        var international = trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal);
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith("00", StringComparison.Ordinal))
            digits = digits[2..];
        else if (!international && digits.StartsWith('0'))
            digits = digits.TrimStart('0'); // trunk prefix: 011 9876… → 11 9876…
        if (!international && digits.Length is 10 or 11)
            digits = "55" + digits; // a Brazilian number with its area code
        return digits.Length is >= 10 and <= 15 ? digits : null;
    }
}
