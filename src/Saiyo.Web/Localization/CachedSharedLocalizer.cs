using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Saiyo.Web.Localization;

/// <summary>
/// The resx texts, each looked up once per culture. ResourceManagerStringLocalizer builds a cache-key string and walks the
/// ResourceManager's culture fallback on every lookup, and a マイページ render makes dozens (3 % of a GET's CPU, issue 16).
/// The keys are names written in code (a bounded set) times the supported cultures.
/// </summary>
public sealed class CachedSharedLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer _resources = factory.Create(typeof(SharedResource));
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _texts = new();

    public LocalizedString this[string name]
    {
        get
        {
            var key = (CultureInfo.CurrentUICulture.Name, name);
            return _texts.TryGetValue(key, out var text) ? text : _texts.GetOrAdd(key, _resources[name]);
        }
    }

    // As ResourceManagerStringLocalizer formats: the current culture, and the name itself as the format when not found.
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _resources.GetAllStrings(includeParentCultures);
}
