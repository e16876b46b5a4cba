"""The staff landing page of public participation: the four parts and what waits in each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zwgk.core import permissions


@login_required
def index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.view")
    return render(request, "participation/index.html", {
        "can_manage": permissions.has(request.user, "participation.manage"),
        "parts": [
            ("participation:decisions", "重大行政决策",
             "年度重大行政决策事项目录、动态调整，每个事项的公众参与、专家论证、风险评估、合法性审查和集体讨论决定"),
            ("participation:consultations", "意见征集", "草案按条征求意见，逐条答复采纳情况，采纳情况报告送审发布"),
            ("participation:opendays", "政府开放日", "活动、分组名额、网上报名、遴选或抽签、公示、候补、签到和活动后问卷"),
            ("participation:evaluations", "政策落实情况评价", "围绕已发布政策的问卷调查、实时统计和评价报告"),
        ],
    })
