namespace WorkshopCrm.Shared.Http;

/// <summary>An outside service (the WhatsApp gateway) is down, slow or failing: answered as a 503 problem with its code.</summary>
public class DependencyUnavailableException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
