using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom.Sandbox;

public static class SandboxEndpoints
{
    /// <summary>Maps every sandbox route under <see cref="ZoomSandboxOptions.PathPrefix"/>: OAuth, /v2 API, pages and _sandbox control.</summary>
    public static IEndpointRouteBuilder MapZoomSandbox(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<ZoomSandboxOptions>>().Value;
        var h = ActivatorUtilities.CreateInstance<SandboxHandlers>(endpoints.ServiceProvider);
        // The sandbox has its own sign-in and CSRF checks: the host app's auth fallback policy and antiforgery do not apply.
        var g = endpoints.MapGroup(options.PathPrefix.TrimEnd('/')).ExcludeFromDescription().DisableAntiforgery().AllowAnonymous();

        // Pages
        g.MapGet("/", h.StatePage);
        g.MapGet("/sandbox.css", () => Results.Text(Pages.Html.Css, "text/css; charset=utf-8"));
        g.MapPost("/signin", D(h.SignInAsync));
        g.MapGet("/signout", h.SignOut);
        g.MapGet("/marketplace", h.Marketplace);
        g.MapGet("/marketplace/manage", h.MarketplaceManage);
        g.MapGet("/marketplace/manage/added-apps", (HttpContext ctx) => h.AddedApps(ctx));
        g.MapPost("/marketplace/manage/added-apps/remove", D(h.RemoveAppAsync));
        g.MapPost("/marketplace/manage/added-apps/validate", D(h.ValidateEndpointPageAsync));
        g.MapGet("/meetings", h.MeetingsPage);
        g.MapGet("/users", h.UsersPage);
        g.MapPost("/users/{userId}/deactivate", (HttpContext ctx, string userId) => h.RemoveUserPageAsync(ctx, userId, delete: false));
        g.MapPost("/users/{userId}/delete", (HttpContext ctx, string userId) => h.RemoveUserPageAsync(ctx, userId, delete: true));
        g.MapPost("/meetings/{meetingId:long}/delete", h.DeleteMeetingPageAsync);
        g.MapGet("/j/{meetingId:long}", h.JoinPage);
        g.MapGet("/s/{meetingId:long}", h.StartPage);
        g.MapPost("/j/{meetingId:long}/join", h.JoinAsync);
        g.MapGet("/j/{meetingId:long}/in/{participantId}", h.InMeetingPage);
        g.MapPost("/j/{meetingId:long}/leave", h.LeaveAsync);

        // OAuth (zoom.us)
        g.MapGet("/oauth/authorize", h.Authorize);
        g.MapPost("/oauth/authorize", D(h.AuthorizeDecisionAsync));
        g.MapPost("/oauth/token", D(h.TokenAsync));
        g.MapPost("/oauth/revoke", D(h.RevokeAsync));

        // REST API (api.zoom.us/v2)
        g.MapGet("/v2/users", D(h.ListUsersAsync));
        g.MapGet("/v2/users/{userId}", h.GetUserAsync);
        g.MapPost("/v2/users/{userId}/meetings", h.CreateMeetingAsync);
        g.MapGet("/v2/users/{userId}/meetings", h.ListMeetingsAsync);
        g.MapGet("/v2/meetings/{meetingId}", h.GetMeetingAsync);
        g.MapMethods("/v2/meetings/{meetingId}", ["PATCH"], h.UpdateMeetingAsync);
        g.MapDelete("/v2/meetings/{meetingId}", h.DeleteMeetingAsync);
        g.MapPost("/v2/meetings/{meetingId}/registrants", h.AddRegistrantAsync);
        g.MapGet("/v2/meetings/{meetingId}/registrants", h.ListRegistrantsAsync);
        g.MapPut("/v2/meetings/{meetingId}/registrants/status", h.UpdateRegistrantStatusAsync);
        g.MapDelete("/v2/meetings/{meetingId}/registrants/{registrantId}", h.DeleteRegistrantAsync);
        g.MapGet("/v2/past_meetings/{meetingUuid}/participants", D(h.PastParticipantsAsync));
        g.MapFallback("/v2/{**rest}", () => SandboxHandlers.ZoomError(404, 404, "The Zoom sandbox does not implement this API."));

        // Control surface for tests
        g.MapGet("/_sandbox/state", h.ControlState);
        g.MapPost("/_sandbox/reset", h.ControlReset);
        g.MapGet("/_sandbox/faults", h.ControlFaults);
        g.MapPut("/_sandbox/faults", D(ctx => h.ControlSetFaultAsync(ctx, null)));
        g.MapPut("/_sandbox/faults/{scope}", (HttpContext ctx, string scope) => h.ControlSetFaultAsync(ctx, scope));
        g.MapDelete("/_sandbox/faults", () => h.ControlClearFaults(null));
        g.MapDelete("/_sandbox/faults/{scope}", (string scope) => h.ControlClearFaults(scope));
        g.MapPost("/_sandbox/webhooks/validate", D(h.ControlValidateAsync));
        g.MapPost("/_sandbox/accounts/{accountId}/deauthorize", h.ControlDeauthorize);
        g.MapPost("/_sandbox/users", D(h.ControlAddUserAsync));
        g.MapPost("/_sandbox/users/{user}/deactivate", (string user) => h.ControlRemoveUser(user, delete: false));
        g.MapPost("/_sandbox/users/{user}/delete", (string user) => h.ControlRemoveUser(user, delete: true));
        g.MapPost("/_sandbox/users/{user}/meetings", (HttpContext ctx, string user) => h.ControlCreateMeetingAsync(ctx, user));
        g.MapPost("/_sandbox/meetings/{meetingId:long}/delete", h.ControlDeleteMeeting);
        g.MapPut("/_sandbox/meetings/{meetingId:long}/uuid", h.ControlSetUuidAsync);
        return endpoints;
    }

    // A handler that takes only HttpContext would bind as a RequestDelegate and lose its IResult.
    private static Delegate D(Func<HttpContext, Task<IResult>> handler) => handler;
}
