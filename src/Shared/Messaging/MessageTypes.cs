using System.Text.Json;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>How integration events are named and serialized in the outbox.</summary>
internal static class MessageTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>"Namespace.Type, Assembly": stable across versions, resolvable with <see cref="Type.GetType(string)"/>.</summary>
    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type? Resolve(string name) => Type.GetType(name, throwOnError: false);
}
