package cn.liutong.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.web.context.support.WebApplicationContextUtils;

import cn.liutong.export.LedgerExport;
import cn.liutong.export.LedgerExport.Format;

/**
 * The Cockpit door to the 六同看板: {@code GET /camunda/api/cockpit/plugin/liutong-dashboard/{engine}/dashboard}
 * and {@code …/dashboard/branch} for one branch's page; {@code …/dashboard/ledger.xlsx} and {@code .pdf} for the
 * 台账 of the cycle or of one branch (the page's export buttons, plain links that send the session cookie).
 * Camunda's webapp filters let only a logged-in session through (401 otherwise), check the CSRF token of
 * changing requests, and put the session's user, groups and tenants on the engine as its current
 * authentication, which {@link DashboardService} reads like {@code /api} does. Jersey creates this class
 * per request, outside Spring: the service comes from the application context of this servlet context.
 */
@Path("plugin/" + DashboardCockpitPlugin.ID)
public class DashboardPluginResource extends AbstractCockpitPluginRootResource {

  public DashboardPluginResource() {
    super(DashboardCockpitPlugin.ID);
  }

  @GET
  @Path("{engine}/dashboard")
  @Produces(MediaType.APPLICATION_JSON)
  public Dashboard dashboard(@PathParam("engine") String engine, @QueryParam("agency") String agency,
      @QueryParam("cycle") String cycle) {
    return dashboards(engine).dashboard(agency, cycle)
        .orElseThrow(() -> new RestException(Status.NOT_FOUND, DashboardController.NOT_FOUND));
  }

  @GET
  @Path("{engine}/dashboard/branch")
  @Produces(MediaType.APPLICATION_JSON)
  public BranchDetail branch(@PathParam("engine") String engine, @QueryParam("cycle") String cycle,
      @QueryParam("branch") String branch) {
    return dashboards(engine).branch(cycle, branch)
        .orElseThrow(() -> new RestException(Status.NOT_FOUND, DashboardController.BRANCH_NOT_FOUND));
  }

  /** The 台账 of the cycle (of one branch with {@code branch}) as {@code .xlsx}: the 导出Excel button. */
  @GET
  @Path("{engine}/dashboard/ledger.xlsx")
  public Response ledgerXlsx(@PathParam("engine") String engine, @QueryParam("cycle") String cycle,
      @QueryParam("branch") String branch) {
    return ledger(engine, cycle, branch, Format.XLSX);
  }

  /** The same as a printable PDF: the 打印PDF button. */
  @GET
  @Path("{engine}/dashboard/ledger.pdf")
  public Response ledgerPdf(@PathParam("engine") String engine, @QueryParam("cycle") String cycle,
      @QueryParam("branch") String branch) {
    return ledger(engine, cycle, branch, Format.PDF);
  }

  /** The city committee's overview of every agency (机关工委 and administrators only). */
  @GET
  @Path("{engine}/city")
  @Produces(MediaType.APPLICATION_JSON)
  public CityOverview city(@PathParam("engine") String engine, @QueryParam("year") String year) {
    CityOverviewService overviews = bean(engine, CityOverviewService.class);
    try {
      return overviews.overview(year);
    } catch (CityOverviewService.Refused refused) {
      throw new RestException(Status.fromStatusCode(refused.status()), refused.getMessage());
    }
  }

  /** The same year's results of every agency as {@code .xlsx}, for 综合考核: the 导出考核结果 button. */
  @GET
  @Path("{engine}/city/results.xlsx")
  public Response cityResults(@PathParam("engine") String engine, @QueryParam("year") String year) {
    CityOverviewService overviews = bean(engine, CityOverviewService.class);
    try {
      return download(overviews.results(year));
    } catch (CityOverviewService.Refused refused) {
      throw new RestException(Status.fromStatusCode(refused.status()), refused.getMessage());
    }
  }

  private <T> T bean(String engine, Class<T> type) {
    dashboards(engine);
    return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(type);
  }

  private static Response download(LedgerExport.Download file) {
    return Response.ok(file.bytes(), file.contentType())
        .header(HttpHeaders.CONTENT_DISPOSITION, file.contentDisposition())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  private Response ledger(String engine, String cycle, String branch, Format format) {
    return download(bean(engine, LedgerExport.class).download(cycle, branch, format)
        .orElseThrow(() -> new RestException(Status.NOT_FOUND, LedgerExport.NOT_FOUND)));
  }

  private DashboardService dashboards(String engine) {
    DashboardService dashboards = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext)
        .getBean(DashboardService.class);
    if (!dashboards.engineName().equals(engine)) {
      throw new RestException(Status.NOT_FOUND, DashboardController.NOT_FOUND);
    }
    return dashboards;
  }
}
