namespace Saiyo.Web.Localization;

/// <summary>Marker for Resources/SharedResource.resx (Japanese, the default) and SharedResource.en.resx.</summary>
public sealed class SharedResource;
